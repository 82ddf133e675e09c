/**
 * The condition language that triggers, SLA policies, views and queues share: {@code {all: [...], any: [...]}} of
 * {@code {field, operator, value}}, checked against the fields each of them offers, and evaluated against a change.
 * Free of Spring and of the database.
 */
@ApplicationModule(allowedDependencies = {"web"})
package io.sidedesk.condition;

import org.springframework.modulith.ApplicationModule;

/**
 * The database itself: the embedded PostgreSQL used when no datasource is configured, the repositories made once the
 * service is ready (their declared queries read by pattern), and what the ORM is taught of PostgreSQL (its functions
 * and operators, its array columns).
 */
@ApplicationModule(allowedDependencies = {})
package io.sidedesk.database;

import org.springframework.modulith.ApplicationModule;

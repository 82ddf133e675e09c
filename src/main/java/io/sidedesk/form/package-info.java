/** Ticket fields and forms, custom field values. */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.form;

import org.springframework.modulith.ApplicationModule;

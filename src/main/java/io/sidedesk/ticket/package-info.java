/** Tickets, comments, the append-only audit history, who sees which ticket. */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "form", "condition"})
package io.sidedesk.ticket;

import org.springframework.modulith.ApplicationModule;

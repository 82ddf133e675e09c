/** Creating child tickets, and the mirror between a side conversation and its child. */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "settings", "sideconversation", "ticket"})
package io.sidedesk.childticket;

import org.springframework.modulith.ApplicationModule;

/** Side conversations and their events. */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "settings", "ticket"})
package io.sidedesk.sideconversation;

import org.springframework.modulith.ApplicationModule;

/** Users, custom roles, groups and memberships; the first admin. */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.directory;

import org.springframework.modulith.ApplicationModule;

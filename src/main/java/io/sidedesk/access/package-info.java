/** Who is calling: API tokens, authentication, roles and permissions (Actor). */
@ApplicationModule(allowedDependencies = {"web"})
package io.sidedesk.access;

import org.springframework.modulith.ApplicationModule;

/** Account settings: the side conversation and child ticket switches. */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.settings;

import org.springframework.modulith.ApplicationModule;

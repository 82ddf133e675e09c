/** The embedded PostgreSQL used when no datasource is configured. */
@ApplicationModule(allowedDependencies = {})
package io.sidedesk.database;

import org.springframework.modulith.ApplicationModule;

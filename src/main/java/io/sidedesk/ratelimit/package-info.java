/** Rate limits (Bucket4j, in PostgreSQL) and failed-login throttling. */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.ratelimit;

import org.springframework.modulith.ApplicationModule;

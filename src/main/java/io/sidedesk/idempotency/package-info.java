/** Idempotency-Key: the stored first answer of a write, and its replays. */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.idempotency;

import org.springframework.modulith.ApplicationModule;

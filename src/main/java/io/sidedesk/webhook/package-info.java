/**
 * Webhooks (issue 24, B2): admins' webhooks subscribed to ticket and side conversation events, and the transactional
 * outbox that delivers them. Each write's events are queued in its transaction, in one statement, for every webhook
 * subscribed to them; senders on any instance claim due invocations with row locks, send them signed (HMAC-SHA256, as
 * Zendesk signs), retry with backoff, keep every attempt, and break the circuit of an endpoint that keeps failing.
 * Endpoints are checked against SSRF when saved and on every request.
 */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "ticket"})
package io.sidedesk.webhook;

import org.springframework.modulith.ApplicationModule;

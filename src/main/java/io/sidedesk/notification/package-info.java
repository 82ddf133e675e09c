/**
 * Email notifications through a transactional outbox: queued in the transaction of the write that causes them, sent
 * after commit by a sender on any instance (SMTP, when {@code spring.mail.host} is set), retried with backoff; and
 * their list for admins.
 */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.notification;

import org.springframework.modulith.ApplicationModule;

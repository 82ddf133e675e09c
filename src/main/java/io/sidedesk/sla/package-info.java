/**
 * SLA policies (R14, issue 20): which targets apply to a ticket. Admins write policies (a filter over a ticket's
 * current state, in the shared condition language, and metric targets per priority), agents read them; every ticket
 * write asks {@link io.sidedesk.sla.SlaPolicies#firstMatching} which one applies, with a
 * {@link io.sidedesk.sla.SlaTicket}, and gets an {@link io.sidedesk.sla.AppliedPolicy}. Measuring the metrics is the
 * ticket metrics feature's.
 */
@ApplicationModule(allowedDependencies = {"web", "access", "directory", "ticket", "condition"})
package io.sidedesk.sla;

import org.springframework.modulith.ApplicationModule;

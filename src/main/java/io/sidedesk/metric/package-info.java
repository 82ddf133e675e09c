/**
 * Ticket metrics and SLA measurement (R14): every ticket write moves the ticket's metrics on and applies the first
 * SLA policy whose filter holds ({@link io.sidedesk.metric.MetricEngine}); breaches are recorded when they happen
 * ({@link io.sidedesk.metric.SlaBreaches}); {@code /api/v2/ticket_metrics}, {@code include=slas} and the incremental
 * export of metric events show them.
 */
@ApplicationModule(allowedDependencies = {"web", "access", "ticket", "sla", "businesshours"})
package io.sidedesk.metric;

import org.springframework.modulith.ApplicationModule;

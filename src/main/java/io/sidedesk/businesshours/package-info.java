/**
 * Business hours (issue 20, R14): schedules (weekly intervals in an IANA time zone) and their holidays, their API
 * for admins, and the account's default schedule (the oldest) as a {@link io.sidedesk.businesshours.BusinessSchedule}
 * for SLA metrics that count business hours only ({@link io.sidedesk.businesshours.BusinessHours}).
 */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.businesshours;

import org.springframework.modulith.ApplicationModule;

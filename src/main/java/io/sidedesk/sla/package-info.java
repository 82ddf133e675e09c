/**
 * SLA policies, business hours and ticket metrics, with OLAs on child tickets (R14). Built so far: the account's
 * business hours as a calculation ({@link io.sidedesk.sla.BusinessSchedule}), free of Spring and of the database.
 */
@ApplicationModule(allowedDependencies = {})
package io.sidedesk.sla;

import org.springframework.modulith.ApplicationModule;

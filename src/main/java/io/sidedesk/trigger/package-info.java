/**
 * Triggers: business rules that run on every ticket create and update (API, mirror, side conversation actions),
 * change the ticket and notify people, each recipient once per action (R15).
 */
@ApplicationModule(
        allowedDependencies = {
            "web",
            "access",
            "directory",
            "form",
            "ticket",
            "condition",
            "notification",
            "template",
            "webhook"
        })
package io.sidedesk.trigger;

import org.springframework.modulith.ApplicationModule;

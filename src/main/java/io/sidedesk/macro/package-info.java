/**
 * Macros (R16, issue 21): actions an agent applies to a ticket by hand, previewed without writing or applied in a
 * ticket update's transaction ({@link io.sidedesk.ticket.TicketMacros}). A macro never widens what its user may do:
 * each action is checked as the same change made by hand, a side conversation it opens as one sent by hand (R1–R4).
 */
@ApplicationModule(
        allowedDependencies = {
            "web",
            "access",
            "directory",
            "form",
            "ticket",
            "condition",
            "sideconversation",
            "template"
        })
package io.sidedesk.macro;

import org.springframework.modulith.ApplicationModule;

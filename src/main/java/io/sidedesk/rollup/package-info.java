/**
 * Parent and child tickets as one piece of work (B1): the roll-up policies of the account's side conversation
 * settings, which act in the write that sets them off ({@link io.sidedesk.rollup.RollUpPolicies}); the parent's
 * summary of its children in one statement ({@link io.sidedesk.rollup.ChildTicketSummary}); and bulk updates of a
 * parent's children, run as a job with a result per child ({@link io.sidedesk.rollup.BulkChildUpdates}).
 */
@ApplicationModule(
        allowedDependencies = {
            "web",
            "access",
            "directory",
            "settings",
            "sideconversation",
            "ticket",
            "notification",
            "job"
        })
package io.sidedesk.rollup;

import org.springframework.modulith.ApplicationModule;

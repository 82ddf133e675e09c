package io.sidedesk.ticket;

import java.util.List;
import java.util.Map;

import io.sidedesk.access.Actor;

/**
 * Macros a ticket update applies ({@code macro_id}, {@code macro_ids}), which the macro feature provides. Applying one
 * is the same update sent by hand: the members it sets go through the update's own checks for the caller.
 */
public interface TicketMacros {

    /**
     * The macros' changes to this ticket, for the caller, read before the update changes anything: a 404 for a macro
     * they may not use, a 422 for an inactive one. {@code member} is how the request named them.
     */
    Application apply(Actor actor, Ticket ticket, List<Long> macroIds, String member);

    /** What the macros do to one update. */
    interface Application {

        /** The ticket members the macros set, in the API's shape ({@code {"status": "open", "comment": {...}}}). */
        Map<String, Object> ticket();

        /** For each member the macros set, the action that sets it ({@code macro.actions[2]}), for refusals. */
        Map<String, String> places();

        /** The events that record the macros on the update's audit. */
        List<AuditEvent> references();

        /**
         * Once the update has changed the ticket, before its audit is recorded: the side conversations the macros open
         * (R16: checked as ones the caller sends by hand), their events for the update's audit.
         */
        List<AuditEvent> open(Ticket ticket);
    }
}

package io.sidedesk.ticket;

import java.util.Set;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People.GroupScope;

/**
 * Who may see and do what with tickets (SPEC §1, R3, R17, R22), one named rule per method, free of Spring and of
 * the database: {@link TicketVisibility} turns {@link #visibility} into the one SQL predicate every read applies.
 */
public final class TicketAccessPolicy {

    private TicketAccessPolicy() {}

    /**
     * Which tickets a caller may see, as conditions that must all hold. {@code requesterOrCc}: only tickets this
     * end-user requested or is CC'd on. {@code hiddenGroups}: never a ticket in one of these private groups.
     * {@code ownOrIn}: only tickets the caller is assigned to or requested, or in one of these groups.
     */
    record Visibility(Long requesterOrCc, Set<Long> hiddenGroups, Set<Long> ownOrIn) {

        static final Visibility EVERYTHING = new Visibility(null, Set.of(), null);

        /**
         * Whether the user with these conditions may see the ticket: the same conditions {@link TicketVisibility}
         * translates to SQL, read against a ticket in hand (whom a notification may reach).
         */
        boolean admits(long userId, Ticket ticket) {
            Long group = ticket.getGroupId();
            boolean own = ticket.getAssigneeId() != null && ticket.getAssigneeId() == userId
                    || ticket.getRequesterId() == userId;
            return !ticket.isDeleted()
                    && (requesterOrCc == null
                            || ticket.getRequesterId() == requesterOrCc
                            || ticket.getEmailCcIds().contains(requesterOrCc))
                    && (group == null || !hiddenGroups.contains(group))
                    && (ownOrIn == null || own || group != null && ownOrIn.contains(group));
        }
    }

    /**
     * Admins see every ticket; end-users those they requested or are CC'd on; agents what their role's ticket
     * access shows, and never a ticket in a private group they are not in ({@code scope}: their groups).
     */
    static Visibility visibility(Actor actor, GroupScope scope) {
        if (actor.isAdmin()) {
            return Visibility.EVERYTHING;
        }
        if (actor.isEndUser()) {
            return new Visibility(actor.userId(), Set.of(), null);
        }
        Set<Long> ownOrIn =
                switch (actor.permissions().ticketAccess()) {
                    case ALL, WITHIN_GROUPS_AND_PUBLIC_GROUPS -> null;
                    case WITHIN_GROUPS -> scope.memberOf();
                    case ASSIGNED_ONLY -> Set.of();
                };
        return new Visibility(null, scope.hiddenPrivate(), ownOrIn);
    }

    /** Changing a ticket's properties: agents and admins, except light agents and roles without public comments. */
    static boolean mayChangeProperties(Actor actor) {
        return actor.isStaff() && actor.permissions().publicComments();
    }

    /** Public comments: end-users (always public) and agents whose role allows them; never light agents. */
    static boolean mayCommentPublicly(Actor actor) {
        return actor.isEndUser() || actor.permissions().publicComments();
    }

    /** Internal notes are for staff: an end-user's comment is always public (R22). */
    static boolean mayAddInternalNotes(Actor actor) {
        return actor.isStaff();
    }

    /** A comment written for another author: only by those who may change the ticket's properties. */
    static boolean mayCommentFor(Actor actor) {
        return mayChangeProperties(actor);
    }

    /** A ticket's audits show internal changes: never to end-users. */
    static boolean mayReadAudits(Actor actor) {
        return actor.isStaff();
    }

    /** End-users request tickets for themselves only; staff name any requester. */
    static boolean mayNameRequester(Actor actor, Long requesterId) {
        return actor.isStaff() || requesterId == null || requesterId == actor.userId();
    }

    /** Deleting a ticket: admins only. */
    static boolean mayDelete(Actor actor) {
        return actor.isAdmin();
    }
}

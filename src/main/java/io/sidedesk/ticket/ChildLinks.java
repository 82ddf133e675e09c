package io.sidedesk.ticket;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What tickets know of child ticket links, answered by the feature that owns them (side
 * conversations), so that this package does not depend on it.
 */
public interface ChildLinks {

    /** The external id prefix reserved for child tickets: nobody may write it on another ticket. */
    String RESERVED_PREFIX = "zen:side_conversation:";

    /** For each of these tickets that is a child ticket: its parent, side conversation and whether it is linked. */
    Map<Long, ChildOf> parentsOf(Collection<Ticket> tickets);

    /**
     * Locks the side conversation of this ticket, if it is a child ticket, before the ticket's own row is
     * locked: every write on a side conversation and its child takes the side conversation lock first.
     * Returns the link, if there is one (a ticket that is not a child when it exists never becomes one).
     */
    Optional<Link> lockLinkOf(long ticketId);

    /**
     * Locks the side conversations of this ticket's child tickets (in id order) when a roll-up policy may solve or
     * count them with it (B1), for a write of the ticket: side conversation locks come before ticket locks. With no
     * such policy on, nothing is locked.
     */
    void lockChildLinksOf(long parentId);

    /**
     * Locks the side conversation of this ticket, if it is a child ticket, without waiting, for a write that already
     * holds ticket rows (a roll-up policy reopening a parent that is another's child): one already locked is a
     * conflict to retry (409), never a wait in the wrong order.
     */
    Optional<Link> lockLinkNowOf(long ticketId);

    /** The child tickets a ticket's side conversations created and still link (follow-ups of closed ones too). */
    java.util.List<Long> childrenOf(long parentId);

    /** The external id written on this child ticket when it was created, if it is a child ticket. */
    Optional<String> linkExternalId(long ticketId);

    /** A child ticket's link: its parent, its side conversation, and the external id written at creation. */
    record Link(long parentId, UUID sideConversationId, String externalId) {

        /** The {@code child_of} member of the child, linked while its external id is the one written. */
        public ChildOf childOf(Ticket child) {
            return new ChildOf(parentId, sideConversationId, externalId.equals(child.getExternalId()));
        }
    }

    /** Sidedesk's {@code child_of} member of a child ticket. */
    @Schema(name = "ChildOf")
    record ChildOf(long ticketId, UUID sideConversationId, boolean linked) {}
}

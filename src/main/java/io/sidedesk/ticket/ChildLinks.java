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
     * Locks the side conversations of this ticket's child tickets (in id order) when the account solves children
     * with their parent, for a write that may solve it and so its children (B1): side conversation locks come before
     * ticket locks.
     */
    void lockChildLinksOf(long parentId);

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

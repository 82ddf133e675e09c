package io.sidedesk.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.sidedesk.EntityFields;
import io.sidedesk.RowTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket's history is written through JdbcClient ({@link Audit#insert}, {@link Comment#insert}), not the ORM's unit of
 * work (issue 26): what the ORM then loads must be what was written, in every field, for two audits and two comments
 * that differ in every field, so that a column added to the entity and not to its insert fails here.
 */
class HistoryRowTests extends RowTestSupport {

    @Test
    void anAuditAndACommentWrittenAsRowsLoadWithEveryValueWritten() {
        long oneTicket = parentTicket();
        long otherTicket = parentTicket();
        TestUser agent = agent();
        UUID mirroredEvent = UUID.fromString(started(
                        admin(),
                        otherTicket,
                        message(
                                "Side",
                                "a side conversation",
                                toGroup(team(true).group())))
                .at("/event/id")
                .asString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Audit bySystem = new Audit(
                nextval("ticket_audits_id_seq"),
                oneTicket,
                Audit.SYSTEM,
                Ticket.VIA_ROUTING,
                UUID.randomUUID(),
                null,
                "[]",
                now);
        Audit byAgent = new Audit(
                nextval("ticket_audits_id_seq"),
                otherTicket,
                agent.id(),
                Ticket.VIA_API,
                UUID.randomUUID(),
                "{\"rel\": \"queue\"}",
                "[{\"type\": \"Change\"}]",
                now.minus(1, ChronoUnit.DAYS));
        Comment plain = new Comment(
                nextval("ticket_comments_id_seq"),
                oneTicket,
                bySystem.getId(),
                1L,
                CommentBody.of("Plain", null, "comment"),
                true,
                Ticket.VIA_API,
                null,
                now);
        Comment mirrored = new Comment(
                nextval("ticket_comments_id_seq"),
                otherTicket,
                byAgent.getId(),
                agent.id(),
                CommentBody.of(null, "<p>Mirrored <b>here</b></p>", "comment"),
                false,
                Ticket.VIA_SIDE_CONVERSATION,
                mirroredEvent,
                now.minus(1, ChronoUnit.DAYS));
        transactions.executeWithoutResult(status -> {
            for (Audit audit : List.of(bySystem, byAgent)) {
                audit.insert(jdbc);
            }
            for (Comment comment : List.of(plain, mirrored)) {
                comment.insert(jdbc);
            }
        });

        assertLoadedAsWritten(Audit.class, bySystem, byAgent, bySystem.getId(), byAgent.getId());
        List<Comment> comments = assertLoadedAsWritten(Comment.class, plain, mirrored, plain.getId(), mirrored.getId());
        assertThat(comments.get(1).getHtmlBody()).contains("<b>here</b>");
    }

    /** Both rows load with every value written, and differ from each other in every field: the two loaded. */
    private <T> List<T> assertLoadedAsWritten(Class<T> type, T one, T other, long oneId, long otherId) {
        T loadedOne = loaded(type, oneId);
        T loadedOther = loaded(type, otherId);
        EntityFields.assertSameValues(type, one, loadedOne, type.getSimpleName() + " " + oneId);
        EntityFields.assertSameValues(type, other, loadedOther, type.getSimpleName() + " " + otherId);
        EntityFields.assertDifferInEveryField(type, loadedOne, loadedOther);
        return List.of(loadedOne, loadedOther);
    }

    private long nextval(String sequence) {
        return jdbc.sql("select nextval(?::regclass)")
                .param(sequence)
                .query(Long.class)
                .single();
    }
}

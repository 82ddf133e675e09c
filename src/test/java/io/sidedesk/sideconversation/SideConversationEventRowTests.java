package io.sidedesk.sideconversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.sidedesk.EntityFields;
import io.sidedesk.RowTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Side conversation events are written through JdbcClient ({@link SideConversationEvent#insert}), with the columns' own
 * converters, not the ORM's unit of work (issue 26): what the ORM then loads must be what was written, in every field
 * but the sequence the database draws, for two events that differ in every field.
 */
class SideConversationEventRowTests extends RowTestSupport {

    @Test
    void anEventWrittenAsARowLoadsWithEveryValueWritten() {
        Team team = team(true);
        long oneParent = parentTicket();
        long otherParent = parentTicket();
        SideConversation one = conversation(
                startedToGroup(admin(), oneParent, team.group()).get("id").asString());
        SideConversation other = conversation(
                startedToGroup(admin(), otherParent, team.group()).get("id").asString());
        long childComment = comments(childOf(show(otherParent, other.getId().toString())))
                .get(0)
                .get("id")
                .asLong();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Participant.Person admin = new Participant.Person(1L, "Admin", "admin@example.com");
        Participant.Person agent = new Participant.Person(team.agent().id(), "Agent", "agent@example.com");

        SideConversationEvent sent = new SideConversationEvent(
                one,
                SideConversationEventType.REPLY,
                admin,
                "api",
                Message.sent("Hello", "Hel", "Hello there", admin, new Participant.Support(team.group(), null)),
                null,
                null,
                UUID.randomUUID(),
                now);
        SideConversationEvent closed = new SideConversationEvent(
                other,
                SideConversationEventType.UPDATE,
                agent,
                "side_conversation",
                null,
                Updates.state(SideConversationState.CLOSED),
                childComment,
                UUID.randomUUID(),
                now.minus(1, ChronoUnit.DAYS));
        transactions.executeWithoutResult(status -> {
            sent.insert(jdbc);
            closed.insert(jdbc);
        });
        assertThat(sent.isNew()).as("written: stored").isFalse();

        List<SideConversationEvent> loaded = List.of(sent, closed).stream()
                .map(written -> {
                    SideConversationEvent read = loaded(SideConversationEvent.class, written.getId());
                    assertThat(read.getSeq())
                            .as("the sequence the database drew")
                            .isNotNull();
                    assertSameButTheSequence(read, written);
                    return read;
                })
                .toList();
        EntityFields.assertDifferInEveryField(SideConversationEvent.class, loaded.get(0), loaded.get(1));
    }

    private SideConversation conversation(String id) {
        return jdbc.sql("select " + SideConversation.COLUMNS + " from side_conversations e where e.id = ?")
                .param(UUID.fromString(id))
                .query((row, number) -> SideConversation.read(row))
                .single();
    }

    /** The sequence is drawn by the database, so the event written in memory has none. */
    private static void assertSameButTheSequence(SideConversationEvent loaded, SideConversationEvent written) {
        EntityFields.persistent(SideConversationEvent.class).stream()
                .filter(field -> !field.getName().equals("seq"))
                .forEach(field -> {
                    try {
                        assertThat(field.get(loaded))
                                .as("event %s, %s", written.getId(), field.getName())
                                .usingRecursiveComparison()
                                .isEqualTo(field.get(written));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}

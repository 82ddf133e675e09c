package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sidedesk.EntityFields;
import io.sidedesk.RowTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read that writes nothing loads its ticket through JdbcClient ({@link Ticket#read}), without the ORM (issue 26):
 * it must give every field the value the ORM gives it, for tickets that differ in every field, so that a column
 * added to the entity and not to the row (or read into the wrong field) fails here.
 */
class TicketRowTests extends RowTestSupport {

    @Test
    void aTicketReadAsARowHasEveryValueTheOrmLoads() {
        long plain = created(admin(), Map.of("subject", "Plain", "comment", body("Nothing set")))
                .get("id")
                .asLong();
        Team team = team(true);
        long form = admin().post("/api/v2/ticket_forms", Map.of("ticket_form", Map.of("name", unique("Row form"))))
                .json()
                .at("/ticket_form/id")
                .asLong();
        long full = created(
                        admin(),
                        fields(
                                "subject",
                                "Full",
                                "comment",
                                Map.of("body", "Everything set", "public", false),
                                "priority",
                                "urgent",
                                "type",
                                "task",
                                "group_id",
                                team.group(),
                                "assignee_id",
                                team.agent().id(),
                                "tags",
                                List.of("b", "a"),
                                "external_id",
                                unique("row"),
                                "ticket_form_id",
                                form))
                .get("id")
                .asLong();
        updated(admin(), full, Map.of("status", "pending", "comment", body("Again")));
        // What the API does not set on a new ticket: set here, so that the two tickets differ in every column.
        String everyOtherColumn = String.join(
                ", ",
                "follower_ids = ?",
                "email_cc_ids = ?",
                "routed_to = ?",
                "requester_id = ?",
                "submitter_id = ?",
                "via_channel = 'side_conversation'",
                "via_source = '{\"rel\": \"side_conversation\", \"to\": {}, \"from\": {\"id\": 7}}'",
                "custom_fields = '{\"1\": \"x\"}'",
                "metrics = '{\"m\": 1}'",
                "sla_next_breach_at = now() + interval '1 hour'",
                "sla_breach_due_at = now() + interval '2 hours'",
                "deleted = true",
                "is_public = false",
                "version = version + 41",
                "created_at = created_at - interval '1 day'");
        jdbc.sql("update tickets set " + everyOtherColumn + " where id = ?")
                .param(new Long[] {team.agent().id(), 1L})
                .param(new Long[] {agent().id()})
                .param(agent().id())
                .param(endUser().id())
                .param(agent().id())
                .param(full)
                .update();
        jdbc.sql("update tickets set metrics = null where id = ?").param(plain).update();

        assertThat(EntityFields.persistent(Ticket.class)).hasSizeGreaterThan(25);
        List<Ticket> byOrm = new ArrayList<>();
        for (long id : new long[] {plain, full}) {
            Ticket loaded = loaded(Ticket.class, id);
            Ticket read = jdbc.sql("select " + Ticket.COLUMNS + " from tickets t where t.id = ?")
                    .param(id)
                    .query((row, number) -> Ticket.read(row))
                    .single();
            EntityFields.assertSameValues(Ticket.class, read, loaded, "ticket " + id);
            byOrm.add(loaded);
        }
        EntityFields.assertDifferInEveryField(Ticket.class, byOrm.get(0), byOrm.get(1));
    }
}

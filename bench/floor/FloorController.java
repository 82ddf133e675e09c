package io.sidedesk.floor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;

/**
 * An experiment, not part of the service (bench/README.md, "The stack's floor"): W3-show's statements through
 * JdbcClient, with nothing else. The same authentication (one statement), a read-only transaction, the ticket
 * row and the side conversations look-up that GET /api/v2/tickets/{id} sends, mapped to a record and written by
 * Jackson: what that request would cost on this stack with no ORM and no rules. {@code repeat=N} adds N more
 * one-row selects, to measure what one statement costs the java process.
 */
@RestController
class FloorController {

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    FloorController(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    record Ticket(long id, Long assigneeId, int commentCount, String createdAt, String customFields, String description,
            String emailCcIds, String externalId, String followerIds, Long groupId, boolean isPublic, String priority,
            long requesterId, String status, String subject, long submitterId, String tags, Long formId, String type,
            String updatedAt, String viaChannel, String viaSource) {
    }

    @GetMapping("/api/v2/floor/tickets/{id}")
    Map<String, Object> show(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(defaultValue = "0") int repeat) {
        return readOnly.execute(status -> {
            for (int i = 0; i < repeat; i++) {
                jdbc.sql("select id, status, assignee_id, group_id, external_id from tickets where id = any(?)")
                    .param(new Long[] {id + i}).query((rs, n) -> rs.getLong(1)).list();
            }
            Ticket ticket = jdbc.sql("""
                    select t1_0.id,t1_0.assignee_id,t1_0.comment_count,t1_0.created_at,t1_0.custom_fields,t1_0.deleted,
                    t1_0.description,t1_0.description_public,t1_0.email_cc_ids,t1_0.external_id,t1_0.follower_ids,
                    t1_0.group_id,t1_0.is_public,t1_0.priority,t1_0.requester_id,t1_0.status,t1_0.subject,
                    t1_0.submitter_id,t1_0.tags,t1_0.ticket_form_id,t1_0.type,t1_0.updated_at,t1_0.version,
                    t1_0.via_channel,t1_0.via_source from tickets t1_0 where not(t1_0.deleted) and t1_0.id=?""")
                .param(id)
                .query((rs, n) -> new Ticket(rs.getLong(1), (Long) rs.getObject(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(7), rs.getString(9), rs.getString(10), rs.getString(11),
                        (Long) rs.getObject(12), rs.getBoolean(13), rs.getString(14), rs.getLong(15), rs.getString(16),
                        rs.getString(17), rs.getLong(18), rs.getString(19), (Long) rs.getObject(20), rs.getString(21),
                        rs.getString(22), rs.getString(24), rs.getString(25)))
                .single();
            List<Long> parents = jdbc.sql("""
                    select s.child_ticket_id, s.ticket_id, s.id, s.child_external_id from side_conversations s
                    where s.child_ticket_id = any(?)""")
                .param(new Long[] {id}).query((rs, n) -> rs.getLong(2)).list();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ticket", ticket);
            body.put("parents", parents);
            return body;
        });
    }
}

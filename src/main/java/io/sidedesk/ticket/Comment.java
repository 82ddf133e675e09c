package io.sidedesk.ticket;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A comment on a ticket: public, or an internal note. Comments are never changed once written. */
@Entity
@Table(name = "ticket_comments")
public class Comment {

    // Drawn from ticket_comments_id_seq by TicketHistory before the row is written.
    @Id
    private Long id;

    private long ticketId;

    private long auditId;

    private long authorId;

    private String body;

    private String htmlBody;

    @jakarta.persistence.Column(name = "public")
    private boolean isPublic;

    private String viaChannel;

    // R9: the side conversation event this comment was mirrored from; such a comment never crosses back.
    private UUID originEventId;

    private Instant createdAt;

    protected Comment() {}

    Comment(
            long id,
            long ticketId,
            long auditId,
            long authorId,
            CommentBody content,
            boolean isPublic,
            String viaChannel,
            UUID originEventId,
            Instant createdAt) {
        this.id = id;
        this.ticketId = ticketId;
        this.auditId = auditId;
        this.authorId = authorId;
        this.body = content.body();
        this.htmlBody = content.htmlBody();
        this.isPublic = isPublic;
        this.viaChannel = viaChannel;
        this.originEventId = originEventId;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getTicketId() {
        return ticketId;
    }

    public long getAuditId() {
        return auditId;
    }

    public long getAuthorId() {
        return authorId;
    }

    public String getBody() {
        return body;
    }

    public String getHtmlBody() {
        return htmlBody;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public String getViaChannel() {
        return viaChannel;
    }

    public UUID getOriginEventId() {
        return originEventId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * Writes the row now, through JdbcClient, after its audit's: a comment is only ever inserted (the ORM's unit of
     * work would buy nothing). The side conversation event it mirrors, if any, is written already.
     */
    void insert(JdbcClient jdbc) {
        jdbc.sql(
                        "insert into ticket_comments (id, ticket_id, audit_id, author_id, body, html_body, public, via_channel,"
                                + " origin_event_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(id)
                .param(ticketId)
                .param(auditId)
                .param(authorId)
                .param(body)
                .param(htmlBody)
                .param(isPublic)
                .param(viaChannel)
                .param(new SqlParameterValue(Types.OTHER, originEventId))
                .param(Timestamp.from(createdAt))
                .update();
    }
}

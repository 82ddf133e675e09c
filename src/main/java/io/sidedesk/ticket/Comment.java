package io.sidedesk.ticket;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}

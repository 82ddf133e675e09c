package io.sidedesk.sideconversation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

/** One event of a side conversation ({@code create}, {@code reply}, {@code update}). Never changed once written. */
@Entity
@Table(name = "side_conversation_events")
public class SideConversationEvent extends AssignedIdEntity {

    @Id
    private UUID id;

    @Generated
    @Column(insertable = false, updatable = false)
    private Long seq;

    private UUID sideConversationId;

    private long ticketId;

    private SideConversationEventType type;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String actor;

    private String via;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String message;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String updates;

    private Long originCommentId;

    private UUID correlationId;

    private Instant createdAt;

    protected SideConversationEvent() {
    }

    SideConversationEvent(SideConversation conversation, SideConversationEventType type, String actor, String via, String message,
            String updates, Long originCommentId, UUID correlationId, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.sideConversationId = conversation.getId();
        this.ticketId = conversation.getTicketId();
        this.type = type;
        this.actor = actor;
        this.via = via;
        this.message = message;
        this.updates = updates;
        this.originCommentId = originCommentId;
        this.correlationId = correlationId;
        this.createdAt = createdAt;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public Long getSeq() {
        return seq;
    }

    public UUID getSideConversationId() {
        return sideConversationId;
    }

    public long getTicketId() {
        return ticketId;
    }

    public SideConversationEventType getType() {
        return type;
    }

    public String getActor() {
        return actor;
    }

    public String getVia() {
        return via;
    }

    public String getMessage() {
        return message;
    }

    public String getUpdates() {
        return updates;
    }

    public Long getOriginCommentId() {
        return originCommentId;
    }

    public UUID getCorrelationId() {
        return correlationId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

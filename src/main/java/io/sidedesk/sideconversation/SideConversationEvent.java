package io.sidedesk.sideconversation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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

    @Convert(converter = Participant.PersonColumn.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Participant.Person actor;

    private String via;

    @Convert(converter = Message.Column.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Message message;

    @Convert(converter = Updates.Column.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Updates updates;

    private Long originCommentId;

    private UUID correlationId;

    private Instant createdAt;

    protected SideConversationEvent() {}

    SideConversationEvent(
            SideConversation conversation,
            SideConversationEventType type,
            Participant.Person actor,
            String via,
            Message message,
            Updates updates,
            Long originCommentId,
            UUID correlationId,
            Instant createdAt) {
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

    Participant.Person getActor() {
        return actor;
    }

    public String getVia() {
        return via;
    }

    Message getMessage() {
        return message;
    }

    Updates getUpdates() {
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

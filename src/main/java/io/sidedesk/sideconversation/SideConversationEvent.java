package io.sidedesk.sideconversation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

import org.springframework.data.domain.Persistable;

/** One event of a side conversation ({@code create}, {@code reply}, {@code update}). Never changed once written. */
@Entity
@Table(name = "side_conversation_events")
public class SideConversationEvent implements Persistable<UUID> {

    @Id
    private UUID id;

    @Generated
    @Column(insertable = false, updatable = false)
    private Long seq;

    private UUID sideConversationId;

    private long ticketId;

    private String type;

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

    // Ids are assigned here, so saving must be told a new row is new (an insert, not a select and a merge).
    @Transient
    private boolean isNew = true;

    protected SideConversationEvent() {
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    SideConversationEvent(SideConversation conversation, String type, String actor, String via, String message,
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

    public String getType() {
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

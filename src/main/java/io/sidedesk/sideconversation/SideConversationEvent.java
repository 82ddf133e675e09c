package io.sidedesk.sideconversation;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

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

    private static final Participant.PersonColumn ACTOR = new Participant.PersonColumn();
    private static final Message.Column MESSAGE = new Message.Column();
    private static final Updates.Column UPDATES = new Updates.Column();

    /**
     * Writes the row now, through JdbcClient, with the columns' own converters: an event is only ever inserted (the
     * ORM's unit of work would buy nothing). Its side conversation's row must exist: a new one is flushed first.
     */
    void insert(JdbcClient jdbc) {
        jdbc.sql("insert into side_conversation_events (id, side_conversation_id, ticket_id, type, actor, via, message,"
                        + " updates, origin_comment_id, correlation_id, created_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?)")
                .param(id)
                .param(sideConversationId)
                .param(ticketId)
                .param(type.value())
                .param(ACTOR.convertToDatabaseColumn(actor))
                .param(via)
                .param(new SqlParameterValue(Types.VARCHAR, MESSAGE.convertToDatabaseColumn(message)))
                .param(new SqlParameterValue(Types.VARCHAR, UPDATES.convertToDatabaseColumn(updates)))
                .param(new SqlParameterValue(Types.BIGINT, originCommentId))
                .param(new SqlParameterValue(Types.OTHER, correlationId))
                .param(Timestamp.from(createdAt))
                .update();
        stored();
    }
}

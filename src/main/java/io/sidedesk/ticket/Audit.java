package io.sidedesk.ticket;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One entry of a ticket's history: who changed what, when, through which channel. Never updated. */
@Entity
@Table(name = "ticket_audits")
public class Audit {

    // Drawn from ticket_audits_id_seq by TicketHistory before the row is written.
    @Id
    private Long id;

    private long ticketId;

    /** The author of the system's own audits (a router's): Zendesk's -1; stored as no user. */
    public static final long SYSTEM = -1;

    private Long authorId;

    private String viaChannel;

    private UUID correlationId;

    // Where the change came from, when it came from somewhere in particular (a routing queue); else null.
    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String viaSource;

    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String events;

    private Instant createdAt;

    protected Audit() {}

    Audit(
            long id,
            long ticketId,
            long authorId,
            String viaChannel,
            UUID correlationId,
            String viaSource,
            String events,
            Instant createdAt) {
        this.id = id;
        this.ticketId = ticketId;
        this.authorId = authorId == SYSTEM ? null : authorId;
        this.viaChannel = viaChannel;
        this.correlationId = correlationId;
        this.viaSource = viaSource;
        this.events = events;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getTicketId() {
        return ticketId;
    }

    public long getAuthorId() {
        return authorId == null ? SYSTEM : authorId;
    }

    public String getViaChannel() {
        return viaChannel;
    }

    public UUID getCorrelationId() {
        return correlationId;
    }

    /** The via's source as JSON, or null when the change came from nowhere in particular. */
    public String getViaSource() {
        return viaSource;
    }

    public String getEvents() {
        return events;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * Writes the row now, through JdbcClient: an audit is only ever inserted, so the ORM's unit of work (an insert
     * action, its bindings and a managed copy to dirty-check at every flush) would buy nothing. Its ticket's row
     * exists already (a new ticket's identity insert is immediate).
     */
    void insert(JdbcClient jdbc) {
        jdbc.sql("insert into ticket_audits (id, ticket_id, author_id, via_channel, correlation_id, via_source, events,"
                        + " created_at) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")
                .param(id)
                .param(ticketId)
                .param(new SqlParameterValue(Types.BIGINT, authorId))
                .param(viaChannel)
                .param(new SqlParameterValue(Types.OTHER, correlationId))
                .param(new SqlParameterValue(Types.VARCHAR, viaSource))
                .param(events)
                .param(Timestamp.from(createdAt))
                .update();
    }
}

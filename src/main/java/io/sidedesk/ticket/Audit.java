package io.sidedesk.ticket;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** One entry of a ticket's history: who changed what, when, through which channel. Never updated. */
@Entity
@Table(name = "ticket_audits")
public class Audit {

    // From the identity column's own sequence, so the id is known before the row is written: an audit
    // and its comment refer to each other and are each inserted once, never updated.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_ids")
    @SequenceGenerator(name = "audit_ids", sequenceName = "ticket_audits_id_seq", allocationSize = 1)
    private Long id;

    private long ticketId;

    private long authorId;

    private String viaChannel;

    private UUID correlationId;

    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String events;

    private Instant createdAt;

    protected Audit() {
    }

    Audit(long ticketId, long authorId, String viaChannel, UUID correlationId, Instant createdAt) {
        this.ticketId = ticketId;
        this.authorId = authorId;
        this.viaChannel = viaChannel;
        this.correlationId = correlationId;
        this.createdAt = createdAt;
        this.events = "[]";
    }

    /** The events, written once, together with the audit row. */
    void record(String eventsJson) {
        this.events = eventsJson;
    }

    public Long getId() {
        return id;
    }

    public long getTicketId() {
        return ticketId;
    }

    public long getAuthorId() {
        return authorId;
    }

    public String getViaChannel() {
        return viaChannel;
    }

    public UUID getCorrelationId() {
        return correlationId;
    }

    public String getEvents() {
        return events;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

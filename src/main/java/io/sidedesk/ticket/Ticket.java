package io.sidedesk.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.Rows;

/**
 * A ticket: its current state, with the rules of how that state may change. Every change is also
 * noted as an audit event, which the service writes to the ticket's append-only history.
 */
@Entity
@Table(name = "tickets")
public class Ticket {

    public static final int MAX_COMMENTS = 5000;

    /** The channels a ticket (or a comment) comes through: the API, or a side conversation (its child). */
    public static final String VIA_API = "api";

    public static final String VIA_SIDE_CONVERSATION = "side_conversation";

    /** An audit's channel when a rule made the change: a roll-up policy (B1). */
    public static final String VIA_RULE = "rule";

    /** An audit's channel when omnichannel routing made the change (R21). */
    public static final String VIA_ROUTING = "routing";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String subject;

    // Written once: the columns below never change after the insert, so updates leave them out (the description
    // can be 64 KB, sent again on every update otherwise).
    @Column(updatable = false)
    private String description;

    // Whether the first comment (the description) was public: end-users never read an internal one.
    private boolean descriptionPublic;

    private TicketStatus status;
    private TicketPriority priority;
    private TicketType type;

    private long requesterId;

    @Column(updatable = false)
    private long submitterId;

    private Long assigneeId;
    private Long groupId;

    // The agent a router gave the ticket to, while they still hold it (their routed load, R21).
    private Long routedTo;

    private String[] tags;
    private Long[] followerIds;
    private Long[] emailCcIds;

    private String externalId;
    private boolean isPublic;

    @Column(updatable = false)
    private String viaChannel;

    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String viaSource;

    private int commentCount;

    private Long ticketFormId;

    // {"<field id>": value}: custom field values exactly as written.
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String customFields;

    // The ticket's metrics and SLA measurement, kept by the metric feature (R14): JSON it alone reads.
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String metrics;

    // The nearest breach of an SLA target that runs (past once breached), and the nearest not yet recorded: what the
    // breach job looks for.
    private Instant slaNextBreachAt;

    private Instant slaBreachDueAt;

    // Bumped by every write: the ticket's ETag.
    @Version
    private long version;

    private boolean deleted;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    @Transient
    private final ChangeLog changes = new ChangeLog();

    protected Ticket() {}

    Ticket(
            String subject,
            String description,
            long requesterId,
            long submitterId,
            String viaChannel,
            String viaSource) {
        this.subject = subject;
        this.description = description;
        this.status = TicketStatus.NEW;
        this.requesterId = requesterId;
        this.submitterId = submitterId;
        this.tags = new String[0];
        this.followerIds = new Long[0];
        this.emailCcIds = new Long[0];
        this.isPublic = true;
        this.viaChannel = viaChannel;
        this.viaSource = viaSource;
        this.customFields = "{}";
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    /** The columns {@link #read} reads, of {@code tickets t}: every mapped one. */
    static final String COLUMNS = "t.id, t.subject, t.description, t.description_public, t.status, t.priority, t.type,"
            + " t.requester_id, t.submitter_id, t.assignee_id, t.group_id, t.routed_to, t.tags, t.follower_ids,"
            + " t.email_cc_ids, t.external_id, t.is_public, t.via_channel, t.via_source, t.comment_count,"
            + " t.ticket_form_id, t.custom_fields, t.metrics, t.sla_next_breach_at, t.sla_breach_due_at, t.version,"
            + " t.deleted, t.created_at, t.updated_at";

    /**
     * A ticket read by plain SQL ({@link #COLUMNS}), for a read that changes nothing and needs no ORM session: the
     * values the ORM loads (TicketRowTests holds the two to each other, field by field). Never written back.
     */
    static Ticket read(ResultSet row) throws SQLException {
        Ticket ticket = new Ticket();
        ticket.id = row.getLong("id");
        ticket.subject = row.getString("subject");
        ticket.description = row.getString("description");
        ticket.descriptionPublic = row.getBoolean("description_public");
        ticket.status = TicketStatus.of(row.getString("status"));
        String priority = row.getString("priority");
        ticket.priority = priority == null ? null : TicketPriority.of(priority);
        String type = row.getString("type");
        ticket.type = type == null ? null : TicketType.of(type);
        ticket.requesterId = row.getLong("requester_id");
        ticket.submitterId = row.getLong("submitter_id");
        ticket.assigneeId = row.getObject("assignee_id", Long.class);
        ticket.groupId = row.getObject("group_id", Long.class);
        ticket.routedTo = row.getObject("routed_to", Long.class);
        ticket.tags = (String[]) row.getArray("tags").getArray();
        ticket.followerIds = (Long[]) row.getArray("follower_ids").getArray();
        ticket.emailCcIds = (Long[]) row.getArray("email_cc_ids").getArray();
        ticket.externalId = row.getString("external_id");
        ticket.isPublic = row.getBoolean("is_public");
        ticket.viaChannel = row.getString("via_channel");
        ticket.viaSource = row.getString("via_source");
        ticket.commentCount = row.getInt("comment_count");
        ticket.ticketFormId = row.getObject("ticket_form_id", Long.class);
        ticket.customFields = row.getString("custom_fields");
        ticket.metrics = row.getString("metrics");
        ticket.slaNextBreachAt = Rows.instant(row, "sla_next_breach_at");
        ticket.slaBreachDueAt = Rows.instant(row, "sla_breach_due_at");
        ticket.version = row.getLong("version");
        ticket.deleted = row.getBoolean("deleted");
        ticket.createdAt = Rows.instant(row, "created_at");
        ticket.updatedAt = Rows.instant(row, "updated_at");
        return ticket;
    }

    /** Refuses any update of a closed ticket. */
    void checkUpdatable() {
        if (status == TicketStatus.CLOSED) {
            throw RecordInvalid.field("status", "closed tickets cannot be updated");
        }
    }

    void changeSubject(String subject) {
        this.subject = changes.change("subject", this.subject, subject);
    }

    void changePriority(TicketPriority priority) {
        this.priority = changes.change("priority", this.priority, priority);
    }

    void changeType(TicketType type) {
        this.type = changes.change("type", this.type, type);
    }

    void changeRequester(long requesterId) {
        this.requesterId = changes.change("requester_id", this.requesterId, requesterId);
    }

    void changeExternalId(String externalId) {
        this.externalId = changes.change("external_id", this.externalId, externalId);
    }

    /**
     * Puts the ticket in a group with an assignee (or none). A ticket is never assigned to an agent
     * without a group; a new ticket becomes open when it gets an assignee.
     */
    void assign(Long groupId, Long assigneeId) {
        if (assigneeId != null && groupId == null) {
            throw RecordInvalid.field("group_id", "is required when the ticket has an assignee");
        }
        if (assigneeId == null && this.assigneeId != null && status == TicketStatus.SOLVED) {
            throw RecordInvalid.field("assignee_id", "a solved ticket keeps its assignee");
        }
        this.groupId = changes.change("group_id", this.groupId, groupId);
        Long before = this.assigneeId;
        this.assigneeId = changes.change("assignee_id", before, assigneeId);
        if (!java.util.Objects.equals(assigneeId, before)) {
            routedTo = null; // whoever assigns it now, it is no longer a router's
        }
        if (assigneeId != null && !assigneeId.equals(before) && status == TicketStatus.NEW) {
            moveTo(TicketStatus.OPEN);
        }
    }

    /** Assigned by a router (R21): the agent's routed load counts it while they hold it. */
    void route(long groupId, long agentId) {
        assign(groupId, agentId);
        routedTo = agentId;
    }

    /** A new status, if the status rules allow the move ({@link TicketStatus#checkMove}). */
    void changeStatus(TicketStatus to) {
        if (to != status) {
            status.checkMove(to, assigneeId != null);
            moveTo(to);
        }
    }

    /** A comment from the requester's side reopens a pending, on-hold or solved ticket. */
    void reopenForRequesterReply() {
        if (status.reopensOnRequesterReply()) {
            moveTo(TicketStatus.OPEN);
        }
    }

    void replaceTags(SortedSet<String> tags) {
        this.tags = changes.replace("tags", this.tags, tags, String[]::new);
    }

    void replaceFollowers(SortedSet<Long> followerIds) {
        this.followerIds = changes.replace("follower_ids", this.followerIds, followerIds, Long[]::new);
    }

    void replaceEmailCcs(SortedSet<Long> emailCcIds) {
        this.emailCcIds = changes.replace("email_cc_ids", this.emailCcIds, emailCcIds, Long[]::new);
    }

    void changeForm(Long ticketFormId) {
        this.ticketFormId = changes.change("ticket_form_id", this.ticketFormId, ticketFormId);
    }

    /** New custom field values (as JSON), noting each changed field by its id as Zendesk does. */
    void replaceCustomFields(String valuesJson, Map<Long, ?> previous, Map<Long, ?> current) {
        previous.forEach((fieldId, before) -> changes.note(String.valueOf(fieldId), before, current.get(fieldId)));
        this.customFields = valuesJson;
    }

    /** Counts a new comment against the limit; the first public comment makes the ticket public. */
    void countComment(boolean publicComment) {
        if (commentCount >= MAX_COMMENTS) {
            throw RecordInvalid.field("comment", "a ticket can have at most " + MAX_COMMENTS + " comments");
        }
        commentCount++;
        if (commentCount == 1) {
            isPublic = publicComment;
            descriptionPublic = publicComment;
        } else if (publicComment && !isPublic) {
            isPublic = true;
        }
    }

    void markDeleted() {
        this.deleted = true;
        // A deleted ticket breaches nothing more.
        this.slaNextBreachAt = null;
        this.slaBreachDueAt = null;
        touch();
    }

    void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The changes noted since the last call, for the audit of this write. */
    List<AuditEvent> takeEvents() {
        return changes.take();
    }

    private void moveTo(TicketStatus to) {
        changes.note("status", status, to);
        status = to;
    }

    /** Metrics as the metric feature keeps them (R14), or null before its first write. */
    void keepMetrics(String metrics, Instant slaNextBreachAt, Instant slaBreachDueAt) {
        this.metrics = metrics;
        this.slaNextBreachAt = slaNextBreachAt;
        this.slaBreachDueAt = slaBreachDueAt;
    }

    public String getMetrics() {
        return metrics;
    }

    public Instant getSlaNextBreachAt() {
        return slaNextBreachAt;
    }

    public Long getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public String getDescription() {
        return description;
    }

    public boolean isDescriptionPublic() {
        return descriptionPublic;
    }

    public TicketStatus getStatus() {
        return status;
    }

    public TicketPriority getPriority() {
        return priority;
    }

    public TicketType getType() {
        return type;
    }

    public long getRequesterId() {
        return requesterId;
    }

    public long getSubmitterId() {
        return submitterId;
    }

    public Long getAssigneeId() {
        return assigneeId;
    }

    /** The agent a router assigned the ticket to, while they hold it; null otherwise. */
    public Long getRoutedTo() {
        return routedTo;
    }

    public Long getGroupId() {
        return groupId;
    }

    public List<String> getTags() {
        return List.of(tags);
    }

    public List<Long> getFollowerIds() {
        return List.of(followerIds);
    }

    public List<Long> getEmailCcIds() {
        return List.of(emailCcIds);
    }

    public String getExternalId() {
        return externalId;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public String getViaChannel() {
        return viaChannel;
    }

    public String getViaSource() {
        return viaSource;
    }

    /** Whether the ticket can take one more comment. */
    public boolean hasRoomForComment() {
        return commentCount < MAX_COMMENTS;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public Long getTicketFormId() {
        return ticketFormId;
    }

    public String getCustomFields() {
        return customFields;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

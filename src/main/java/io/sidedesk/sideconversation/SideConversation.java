package io.sidedesk.sideconversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.Immutable;
import tools.jackson.core.type.TypeReference;

import io.sidedesk.web.Rows;

/**
 * A side conversation on a ticket. When it addresses a group (or an agent in a group) it has a child
 * ticket: the link is the child's id and the external id written on the child at creation.
 */
@Entity
@Table(name = "side_conversations")
@DynamicUpdate // a write names only what changed: the participants and external ids are not written again
public class SideConversation extends AssignedIdEntity {

    /** The member of {@code external_ids} that names the child ticket, its id as a string (R5). */
    static final String TARGET_TICKET_ID = "targetTicketId";

    /** How much of a message's text its preview shows, unless the sender gave one. */
    static final int PREVIEW = 100;

    @Id
    private UUID id;

    @Generated
    @Column(insertable = false, updatable = false)
    private Long seq;

    // Written once (updates leave them out).
    @Column(updatable = false)
    private long ticketId;

    private String subject;

    private String previewText;

    private SideConversationState state;

    @Convert(converter = Participant.ListColumn.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private List<Participant> participants;

    @Convert(converter = ExternalIdsColumn.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Map<String, String> externalIds;

    private Long childTicketId;

    private String childExternalId;

    // R20: the closed children this side conversation had before its follow-ups, oldest first.
    private Long[] earlierChildTicketIds = new Long[0];

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    private Instant messageAddedAt;

    private Instant stateUpdatedAt;

    protected SideConversation() {}

    SideConversation(
            UUID id,
            long ticketId,
            String subject,
            String previewText,
            List<Participant> participants,
            Map<String, String> externalIds,
            Instant now) {
        this.id = id;
        this.ticketId = ticketId;
        this.subject = subject;
        this.previewText = previewText;
        this.state = SideConversationState.OPEN;
        this.participants = List.copyOf(participants);
        this.externalIds = new LinkedHashMap<>(externalIds);
        this.createdAt = now;
        this.updatedAt = now;
        this.messageAddedAt = now;
        this.stateUpdatedAt = now;
    }

    /** The columns {@link #read} reads, of {@code side_conversations e}: every mapped one. */
    static final String COLUMNS = "e.id, e.seq, e.ticket_id, e.subject, e.preview_text, e.state, e.participants,"
            + " e.external_ids, e.child_ticket_id, e.child_external_id, e.earlier_child_ticket_ids, e.created_at,"
            + " e.updated_at, e.message_added_at, e.state_updated_at";

    private static final Participant.ListColumn PARTICIPANTS = new Participant.ListColumn();
    private static final ExternalIdsColumn EXTERNAL_IDS = new ExternalIdsColumn();

    /**
     * A side conversation read by plain SQL ({@link #COLUMNS}), for a read that changes nothing and needs no ORM
     * session (the list of a ticket's): the values the ORM loads, through the same converters
     * (SideConversationRowTests holds the two to each other, field by field). Never written back.
     */
    static SideConversation read(ResultSet row) throws SQLException {
        SideConversation conversation = new SideConversation();
        conversation.id = row.getObject("id", UUID.class);
        conversation.seq = row.getLong("seq");
        conversation.ticketId = row.getLong("ticket_id");
        conversation.subject = row.getString("subject");
        conversation.previewText = row.getString("preview_text");
        conversation.state = SideConversationState.of(row.getString("state"));
        conversation.participants = PARTICIPANTS.convertToEntityAttribute(row.getString("participants"));
        conversation.externalIds = EXTERNAL_IDS.convertToEntityAttribute(row.getString("external_ids"));
        conversation.childTicketId = row.getObject("child_ticket_id", Long.class);
        conversation.childExternalId = row.getString("child_external_id");
        conversation.earlierChildTicketIds =
                (Long[]) row.getArray("earlier_child_ticket_ids").getArray();
        conversation.createdAt = Rows.instant(row, "created_at");
        conversation.updatedAt = Rows.instant(row, "updated_at");
        conversation.messageAddedAt = Rows.instant(row, "message_added_at");
        conversation.stateUpdatedAt = Rows.instant(row, "state_updated_at");
        conversation.stored();
        return conversation;
    }

    /** The preview of a message's text: its first hundred characters. */
    static String previewOf(String text) {
        return text.length() > PREVIEW ? text.substring(0, PREVIEW) : text;
    }

    /**
     * Links the child ticket created for this side conversation (once, at creation); {@code external_ids} names
     * it as {@code targetTicketId}.
     */
    public void linkChild(long childTicketId, String childExternalId) {
        if (this.childTicketId != null) {
            throw new IllegalStateException("A side conversation has one child ticket");
        }
        this.childTicketId = childTicketId;
        this.childExternalId = childExternalId;
        this.externalIds = targeting(childTicketId);
    }

    /**
     * R20: the child was closed and a reply created its follow-up, which the link now names. The follow-up carries
     * the same link external id (written on it at its creation), so the link holds as before.
     */
    void moveLinkTo(long followUpId, Instant now) {
        if (this.childTicketId == null) {
            throw new IllegalStateException("Only a side conversation with a child ticket has a follow-up");
        }
        Long[] earlier = Arrays.copyOf(earlierChildTicketIds, earlierChildTicketIds.length + 1);
        earlier[earlierChildTicketIds.length] = childTicketId;
        this.earlierChildTicketIds = earlier;
        this.childTicketId = followUpId;
        this.externalIds = targeting(followUpId);
        this.updatedAt = now;
    }

    /** The external ids, {@code targetTicketId} naming the child (a new map: values are never changed in place). */
    private Map<String, String> targeting(long childTicketId) {
        Map<String, String> ids = new LinkedHashMap<>(externalIds);
        ids.put(TARGET_TICKET_ID, String.valueOf(childTicketId));
        return ids;
    }

    /**
     * R2: whether a message to {@code to} goes only to whom this side conversation has addressed before (checked
     * when they were first addressed).
     */
    boolean hasAddressed(Participant.Support to) {
        return participants.stream()
                .anyMatch(participant -> participant instanceof Participant.Support addressed && addressed.covers(to));
    }

    /**
     * A new message: the preview shows it and the participants include its sender and addressees (each once); a
     * closed side conversation reopens if {@code reopen}. Returns whether it reopened.
     */
    boolean addMessage(String previewText, List<Participant> senderAndAddressees, boolean reopen, Instant now) {
        List<Participant> all = new ArrayList<>(participants);
        for (Participant participant : senderAndAddressees) {
            if (!all.contains(participant)) {
                all.add(participant);
            }
        }
        this.previewText = previewText;
        this.participants = List.copyOf(all);
        this.messageAddedAt = now;
        this.updatedAt = now;
        return reopen && changeState(SideConversationState.OPEN, now);
    }

    void changeSubject(String subject, Instant now) {
        this.subject = subject;
        this.updatedAt = now;
    }

    /** Returns whether the state changed. */
    boolean changeState(SideConversationState state, Instant now) {
        if (this.state == state) {
            return false;
        }
        this.state = state;
        this.stateUpdatedAt = now;
        this.updatedAt = now;
        return true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public Long getSeq() {
        return seq;
    }

    public long getTicketId() {
        return ticketId;
    }

    public String getSubject() {
        return subject;
    }

    public String getPreviewText() {
        return previewText;
    }

    public boolean isOpen() {
        return state == SideConversationState.OPEN;
    }

    /** R13: the link holds while the child's current external id is the one written at creation. */
    public boolean isLinkedTo(String childCurrentExternalId) {
        return childExternalId != null && childExternalId.equals(childCurrentExternalId);
    }

    public SideConversationState getState() {
        return state;
    }

    List<Participant> getParticipants() {
        return participants;
    }

    Map<String, String> getExternalIds() {
        return Collections.unmodifiableMap(externalIds);
    }

    public Long getChildTicketId() {
        return childTicketId;
    }

    /** The closed children this side conversation had before its current child (R20), oldest first. */
    public List<Long> getEarlierChildTicketIds() {
        return List.of(earlierChildTicketIds);
    }

    public String getChildExternalId() {
        return childExternalId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getMessageAddedAt() {
        return messageAddedAt;
    }

    public Instant getStateUpdatedAt() {
        return stateUpdatedAt;
    }

    @Converter
    @Immutable
    static final class ExternalIdsColumn extends JsonColumn<Map<String, String>> {

        ExternalIdsColumn() {
            super(new TypeReference<>() {});
        }
    }
}

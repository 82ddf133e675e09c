package io.sidedesk.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

import io.sidedesk.form.CustomFields;
import io.sidedesk.web.Transactions;

/**
 * The ticket's single, append-only event history. Ticket writes record their audit here, and so do
 * other features (side conversations) that must leave an event on a ticket, in the same transaction.
 */
@Service
public class TicketHistory {

    private final EntityManager entityManager;
    private final JsonMapper json;
    /** The rules and the followers, in their order: singletons, resolved once (not at every audit). */
    private final Supplier<List<TicketRules>> rules;

    private final Supplier<List<AuditFollowers>> followers;
    private final CustomFields customFields;
    private final TicketChanges changes;
    private final JdbcClient jdbc;

    TicketHistory(
            EntityManager entityManager,
            JsonMapper json,
            ObjectProvider<TicketRules> rules,
            ObjectProvider<AuditFollowers> followers,
            CustomFields customFields,
            TicketChanges changes,
            JdbcClient jdbc) {
        this.entityManager = entityManager;
        this.json = json;
        this.rules = SingletonSupplier.of(() -> rules.orderedStream().toList());
        this.followers = SingletonSupplier.of(() -> followers.orderedStream().toList());
        this.customFields = customFields;
        this.changes = changes;
        this.jdbc = jdbc;
    }

    /**
     * An audit with these events on a ticket the write has not locked (it records activity on it: a side
     * conversation's, on its parent), authored by the user, through the channel; business rules run on it.
     */
    public Audit record(long ticketId, long authorId, String viaChannel, List<AuditEvent> events) {
        return record(ticketId, authorId, viaChannel, null, events, null, false).audit();
    }

    /**
     * An audit on a ticket the write holds locked (or created), with a comment when one is given: the comment refers
     * to its audit and the audit's Comment event to the comment, both written once. Business rules run on it first.
     */
    Recorded record(long ticketId, long authorId, String viaChannel, List<AuditEvent> events, NewComment comment) {
        return record(ticketId, authorId, viaChannel, null, events, comment, true);
    }

    /** The same, with the via's source (JSON: where the change came from, as a routing queue). */
    Recorded record(long ticketId, long authorId, String viaChannel, String viaSource, List<AuditEvent> events) {
        return record(ticketId, authorId, viaChannel, viaSource, events, null, true);
    }

    /** The same, with the via's source and a comment (a roll-up policy's change, B1). */
    Recorded record(
            long ticketId,
            long authorId,
            String viaChannel,
            String viaSource,
            List<AuditEvent> events,
            NewComment comment) {
        return record(ticketId, authorId, viaChannel, viaSource, events, comment, true);
    }

    private Recorded record(
            long ticketId,
            long authorId,
            String viaChannel,
            String viaSource,
            List<AuditEvent> events,
            NewComment comment,
            boolean locked) {
        Transactions.requireActive();
        List<AuditEvent> audited = new ArrayList<>(events);
        AuditedTicket ticket = new AuditedTicket(entityManager, jdbc, ticketId, locked);
        rules.get()
                .forEach(
                        rule -> rule.apply(new RuleRun(ticket, viaChannel, audited, comment, this::solvable, changes)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Both ids first (one statement), so each row is inserted once, complete: the audit names its
        // comment in its Comment event, and the comment names its audit. Through JdbcClient: a sequence reads no
        // table, so the ORM's pending changes wait for the write's one flush (its own query would flush them).
        long[] ids = jdbc.sql("select nextval('ticket_audits_id_seq'), nextval('ticket_comments_id_seq')")
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        long auditId = ids[0];
        List<AuditEvent> all = new ArrayList<>();
        Comment written = null;
        if (comment != null) {
            written = new Comment(
                    ids[1],
                    ticketId,
                    auditId,
                    comment.authorId(),
                    comment.body(),
                    comment.isPublic(),
                    viaChannel,
                    comment.originEventId(),
                    now);
            all.add(AuditEvent.comment(written));
        }
        all.addAll(audited);
        Audit audit = new Audit(
                auditId,
                ticketId,
                authorId,
                viaChannel,
                Correlation.current(),
                viaSource,
                json.writeValueAsString(all.stream().map(AuditEvent::members).toList()),
                now);
        // Written now through JdbcClient (history is only ever inserted): the audit, then its comment, which names it.
        audit.insert(jdbc);
        if (written != null) {
            written.insert(jdbc);
        }
        AuditFollowers.RecordedAudit recorded = new AuditFollowers.RecordedAudit(
                // Read only if a rule or a follower reads it: a parent that only records activity is not read.
                ticket,
                auditId,
                authorId == Audit.SYSTEM ? null : authorId,
                viaChannel,
                audit.getCorrelationId(),
                now,
                List.copyOf(all));
        followers.get().forEach(follower -> follower.recorded(recorded));
        return new Recorded(audit, written);
    }

    /** Whether the ticket has every field its form requires to solve it (a rule that solves it checks first). */
    private boolean solvable(Ticket ticket) {
        return customFields.missingToSolve(ticket.getTicketFormId(), TicketChanges.values(json, ticket)) == null;
    }

    /** A comment to write with an audit; {@code originEventId} names the side conversation event it mirrors (R9). */
    record NewComment(long authorId, CommentBody body, boolean isPublic, java.util.UUID originEventId) {

        NewComment(long authorId, CommentBody body, boolean isPublic) {
            this(authorId, body, isPublic, null);
        }
    }

    /** The audit written, and its comment if it had one. */
    record Recorded(Audit audit, Comment comment) {}
}

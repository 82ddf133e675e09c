package io.sidedesk.trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.notification.Notifications;
import io.sidedesk.template.Templates;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.Correlation;
import io.sidedesk.ticket.RuleRun;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketPlaceholders;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.webhook.WebhookQueue;

/**
 * A trigger's notification: its recipients (only active users who may see the ticket, R17; never the updater, unless
 * named as {@code current_user} or as the requester of the ticket they just created; nobody already notified in this
 * write, R15), its text rendered for what each may
 * read (an end-user never reads an internal comment), queued in the write's transaction, and recorded on the audit
 * as a {@code Notification} event naming who was notified.
 */
@Component
class TriggerNotifications {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

    /** A notification addresses at most this many people (a group's agents, all agents). */
    static final int MAX_RECIPIENTS = 1000;

    private final Tickets tickets;
    private final People people;
    private final Notifications notifications;
    private final TicketPlaceholders placeholders;
    private final WebhookQueue webhooks;

    TriggerNotifications(
            Tickets tickets,
            People people,
            Notifications notifications,
            TicketPlaceholders placeholders,
            WebhookQueue webhooks) {
        this.tickets = tickets;
        this.people = people;
        this.notifications = notifications;
        this.placeholders = placeholders;
        this.webhooks = webhooks;
    }

    void send(
            RuleRun run,
            TriggerEngine.Compiled trigger,
            TriggerLanguage.Action action,
            Actor actor,
            Set<Long> notified) {
        if (action instanceof TriggerLanguage.Action.NotifyWebhook webhook) {
            notifyWebhook(run, trigger, webhook, actor);
            return;
        }
        Ticket ticket = run.ticket();
        TriggerLanguage.Text subject;
        TriggerLanguage.Text body;
        Set<Long> candidates = new LinkedHashSet<>();
        boolean updaterNamed = false;
        if (action instanceof TriggerLanguage.Action.NotifyUser user) {
            subject = user.subject();
            body = user.body();
            // The updater hears of their own update only when named, or as the requester of a new ticket (the
            // acknowledgement of their request).
            updaterNamed = "current_user".equals(user.recipient())
                    || run.isCreation()
                            && user.recipient() != null
                            && user.recipient().startsWith("requester");
            addRecipients(candidates, ticket, user, actor);
        } else {
            TriggerLanguage.Action.NotifyGroup group = (TriggerLanguage.Action.NotifyGroup) action;
            subject = group.subject();
            body = group.body();
            Long groupId = group.groupId() != null ? group.groupId() : ticket.getGroupId();
            if (groupId != null) {
                candidates.addAll(people.staffIds(groupId, MAX_RECIPIENTS));
            }
        }
        if (actor != null && !updaterNamed) {
            candidates.remove(actor.userId());
        }
        candidates.removeAll(notified);
        if (candidates.isEmpty()) {
            return;
        }
        Map<Long, Actor> readers = tickets.readersAmong(ticket, candidates);
        if (readers.isEmpty()) {
            return;
        }
        Placeholders placeholders = new Placeholders(run, actor, subject, body);
        Map<Boolean, String[]> rendered = new HashMap<>();
        List<Notifications.Email> emails = new ArrayList<>();
        for (Actor reader : readers.values()) {
            // Rendered once for staff and once for end-users, who never read an internal comment.
            String[] text = rendered.computeIfAbsent(!reader.isEndUser(), staff -> {
                Map<String, Object> values = placeholders.forReader(staff);
                String title = LINE_BREAKS
                        .matcher(Templates.render(subject.template(), values, subject.source()))
                        .replaceAll(" ")
                        .strip();
                return new String[] {
                    title.isEmpty() ? "#" + ticket.getId() : title,
                    Templates.render(body.template(), values, body.source())
                };
            });
            emails.add(new Notifications.Email(
                    Correlation.current(),
                    ticket.getId(),
                    reader.userId(),
                    reader.email(),
                    reader.name(),
                    text[0],
                    text[1],
                    Templates.html(text[1]),
                    trigger.id(),
                    trigger.title()));
        }
        Set<Long> queued = notifications.enqueue(emails);
        if (queued.isEmpty()) {
            return;
        }
        notified.addAll(queued);
        // The audit, which only staff read, records the staff's version when staff were notified.
        String[] text = rendered.containsKey(true) ? rendered.get(true) : rendered.get(false);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("subject", text[0]);
        recorded.put("body", text[1]);
        recorded.put("recipients", new TreeSet<>(queued).stream().toList());
        recorded.put("via", trigger.rule().via());
        run.add(AuditEvent.of("Notification", recorded));
    }

    /**
     * A webhook's notification: the body rendered as staff read the ticket (webhooks are admins'), queued for the
     * webhook with the write, and recorded on the audit as a {@code Webhook} event naming it.
     */
    private void notifyWebhook(
            RuleRun run, TriggerEngine.Compiled trigger, TriggerLanguage.Action.NotifyWebhook webhook, Actor actor) {
        Placeholders values = new Placeholders(run, actor, webhook.body(), webhook.body());
        String body = Templates.render(
                webhook.body().template(),
                values.forReader(true),
                webhook.body().source());
        webhooks.notify(webhook.webhookId(), run.ticketId(), Correlation.current(), body);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("webhook_id", webhook.webhookId());
        recorded.put("body", body);
        recorded.put("via", trigger.rule().via());
        run.add(AuditEvent.of("Webhook", recorded));
    }

    private void addRecipients(
            Set<Long> candidates, Ticket ticket, TriggerLanguage.Action.NotifyUser user, Actor actor) {
        if (user.recipient() == null) {
            candidates.add(user.userId());
            return;
        }
        switch (user.recipient()) {
            case "requester_id" -> candidates.add(ticket.getRequesterId());
            case "assignee_id" -> {
                if (ticket.getAssigneeId() != null) {
                    candidates.add(ticket.getAssigneeId());
                }
            }
            case "current_user" -> {
                if (actor != null) {
                    candidates.add(actor.userId());
                }
            }
            case "requester_and_ccs" -> {
                candidates.add(ticket.getRequesterId());
                candidates.addAll(ticket.getEmailCcIds());
            }
            default -> candidates.addAll(people.staffIds(null, MAX_RECIPIENTS));
        }
    }

    /**
     * Zendesk's placeholders for one notification, in two versions: for staff, and for end-users, who never read an
     * internal comment nor an internal first comment. What a template does not name is not read.
     */
    private final class Placeholders {

        private final RuleRun run;
        private final Actor actor;
        private final TicketPlaceholders.Needs needs;
        private final Map<Boolean, Map<String, Object>> forReaders = new HashMap<>();

        Placeholders(RuleRun run, Actor actor, TriggerLanguage.Text subject, TriggerLanguage.Text body) {
            this.run = run;
            this.actor = actor;
            this.needs = TicketPlaceholders.Needs.of(subject.source(), body.source());
        }

        Map<String, Object> forReader(boolean staff) {
            return forReaders.computeIfAbsent(
                    staff, forStaff -> placeholders.of(run.ticket(), actor, forStaff, needs, run.comment()));
        }
    }
}

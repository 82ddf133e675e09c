package io.sidedesk.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ConfigVersion;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.LikePatterns;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * The admins' webhooks: written and read here, their signing secrets, and their invocation log. Every method is for
 * admins only; an unknown webhook (or an invocation of another one) is a 404.
 */
@Service
class Webhooks {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final WebhookRepository webhooks;
    private final WebhookInvocationRepository invocations;
    private final WebhookFields fields;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Webhooks(
            WebhookRepository webhooks,
            WebhookInvocationRepository invocations,
            WebhookFields fields,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock) {
        this.webhooks = webhooks;
        this.invocations = invocations;
        this.fields = fields;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    ListPage<WebhookView> list(Actor actor, String nameContains, String status, Paging paging) {
        actor.requireAdmin();
        Specification<Webhook> filter = (root, query, cb) -> cb.conjunction();
        if (status != null) {
            if (!status.equals("active") && !status.equals("inactive")) {
                throw new InvalidParameter("filter[status]", "must be active or inactive");
            }
            filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (nameContains != null && !nameContains.isEmpty()) {
            String pattern = LikePatterns.containing(nameContains.toLowerCase(Locale.ROOT));
            filter = filter.and((root, query, cb) -> cb.like(cb.lower(root.get("name")), pattern, '\\'));
        }
        Instant now = now();
        return paging.cursorOnly().fetchByKeyset(webhooks, filter, byId()).map(webhook -> view(webhook, now));
    }

    @Transactional(readOnly = true)
    WebhookView show(Actor actor, String id) {
        actor.requireAdmin();
        return view(find(id), now());
    }

    @Transactional
    WebhookView create(Actor actor, WebhookRequest.Fields sent) {
        actor.requireAdmin();
        ConfigVersion.changing();
        Webhook.Fields checked = fields.whole(sent, null);
        if (webhooks.count() >= Webhook.MAX_WEBHOOKS) {
            throw RecordInvalid.field("base", "an account has at most " + Webhook.MAX_WEBHOOKS + " webhooks");
        }
        Instant now = now();
        Webhook webhook = new Webhook(now, actor.userId());
        webhook.set(checked, now, actor.userId());
        webhooks.saveAndFlush(webhook);
        return view(webhook, now);
    }

    /** PUT: every member as sent (the defaults for those left out); credentials resent bare are kept. */
    @Transactional
    void replace(Actor actor, String id, WebhookRequest.Fields sent) {
        actor.requireAdmin();
        ConfigVersion.changing();
        Webhook webhook = find(id);
        webhook.set(fields.whole(sent, webhook.fields()), now(), actor.userId());
    }

    /** PATCH: a JSON merge patch of the stored members. */
    @Transactional
    void patch(Actor actor, String id, WebhookRequest.Fields sent) {
        actor.requireAdmin();
        ConfigVersion.changing();
        Webhook webhook = find(id);
        webhook.set(fields.patched(sent, webhook.fields()), now(), actor.userId());
    }

    /** The webhook goes, and with it its invocations and their attempts. */
    @Transactional
    void delete(Actor actor, String id) {
        actor.requireAdmin();
        ConfigVersion.changing();
        webhooks.delete(find(id));
    }

    @Transactional(readOnly = true)
    WebhookView.SigningSecret secret(Actor actor, String id) {
        actor.requireAdmin();
        return new WebhookView.SigningSecret("SHA256", find(id).getSigningSecret());
    }

    /** A new secret: the old one signs nothing from now on. */
    @Transactional
    WebhookView.SigningSecret rotate(Actor actor, String id) {
        actor.requireAdmin();
        Webhook webhook = find(id);
        webhook.rotateSecret();
        return new WebhookView.SigningSecret("SHA256", webhook.getSigningSecret());
    }

    /** The invocation log, newest first. */
    @Transactional(readOnly = true)
    ListPage<WebhookView.Invocation> invocations(
            Actor actor, String id, String fromTs, String toTs, String status, Paging paging) {
        actor.requireAdmin();
        find(id);
        Specification<WebhookInvocation> filter = (root, query, cb) -> cb.equal(root.get("webhookId"), id);
        if (status != null) {
            if (!List.of("pending", "success", "failed").contains(status)) {
                throw new InvalidParameter("filter[status]", "must be pending, success or failed");
            }
            filter = filter.and((root, query, cb) -> cb.equal(root.get("state"), status));
        }
        if (fromTs != null) {
            Instant from = instant(fromTs, "filter[from_ts]");
            filter = filter.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("createdAt"), from));
        }
        if (toTs != null) {
            Instant to = instant(toTs, "filter[to_ts]");
            filter = filter.and((root, query, cb) -> cb.lessThanOrEqualTo(root.get("createdAt"), to));
        }
        return paging.cursorOnly()
                .fetchNewestFirst(invocations, filter, WebhookInvocation::getId)
                .map(WebhookView.Invocation::of);
    }

    /** An invocation's attempts, oldest first. */
    @Transactional(readOnly = true)
    WebhookView.Attempts attempts(Actor actor, String id, long invocationId) {
        actor.requireAdmin();
        find(id);
        invocations
                .findById(invocationId)
                .filter(invocation -> invocation.getWebhookId().equals(id))
                .orElseThrow(() -> new RecordNotFound("Invocation", invocationId));
        return new WebhookView.Attempts(jdbc.sql("""
                        select id, status, status_code, error, duration_ms, completed_at
                        from webhook_attempts where invocation_id = ? order by id""")
                .param(invocationId)
                .query((row, number) -> new WebhookView.Attempt(
                        String.valueOf(row.getLong(1)),
                        String.valueOf(invocationId),
                        row.getString(2),
                        (Integer) row.getObject(3),
                        row.getString(4),
                        row.getLong(5),
                        row.getObject(6, OffsetDateTime.class).toInstant()))
                .list());
    }

    /** What a test request is sent with: the stored webhook's members, or none. */
    @Transactional(readOnly = true)
    Webhook stored(Actor actor, String id) {
        actor.requireAdmin();
        return find(id);
    }

    private Webhook find(String id) {
        return webhooks.findById(id).orElseThrow(() -> new RecordNotFound("Webhook", id));
    }

    private WebhookView view(Webhook webhook, Instant now) {
        String headers = webhook.fields().customHeaders();
        Map<String, String> custom = headers == null ? Map.of() : new LinkedHashMap<>(json.readValue(headers, STRINGS));
        return WebhookView.of(webhook, custom, now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant instant(String text, String parameter) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(parameter, "must be an ISO 8601 time, such as 2026-12-05T10:00:00Z");
        }
    }

    /** Webhooks in id order (their ULIDs: creation order), the cursor a webhook's id. */
    private static Paging.Keyset<Webhook> byId() {
        return new Paging.Keyset<>() {
            @Override
            public Specification<Webhook> from(String position, boolean downward) {
                return (root, query, cb) -> {
                    if (query.getResultType() == Webhook.class) {
                        query.orderBy(downward ? cb.desc(root.get("id")) : cb.asc(root.get("id")));
                    }
                    if (position == null) {
                        return null;
                    }
                    return downward ? cb.lessThan(root.get("id"), position) : cb.greaterThan(root.get("id"), position);
                };
            }

            @Override
            public String positionOf(Webhook webhook) {
                return webhook.getId();
            }

            @Override
            public boolean descending() {
                return false;
            }
        };
    }
}

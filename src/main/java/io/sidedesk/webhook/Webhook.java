package io.sidedesk.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.web.Ulids;

/**
 * A webhook: where to send which events, how to authenticate, and its signing secret. Credentials ({@code authData})
 * and the secret are never part of its view. The circuit breaker's state is the senders' ({@link WebhookOutbox}),
 * read here only.
 */
@Entity
@Table(name = "webhooks")
class Webhook {

    static final int MAX_WEBHOOKS = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private String id;

    private String name;
    private String description;
    private String status;
    private String endpoint;
    private String httpMethod;
    private String requestFormat;
    private String[] subscriptions;
    private String authType;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String authData;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String customHeaders;

    private String signingSecret;
    private Instant createdAt;
    private long createdBy;
    private Instant updatedAt;
    private long updatedBy;

    @Column(insertable = false, updatable = false)
    private int consecutiveFailures;

    @Column(insertable = false, updatable = false)
    private Instant breakerOpenUntil;

    protected Webhook() {}

    Webhook(Instant now, long createdBy) {
        this.id = ulid(now);
        this.signingSecret = newSecret();
        this.createdAt = now;
        this.createdBy = createdBy;
        this.updatedAt = now;
        this.updatedBy = createdBy;
    }

    /** Every writable member at once (an update sets them all: PUT, or PATCH merged with the stored ones). */
    void set(Fields fields, Instant now, long by) {
        this.name = fields.name();
        this.description = fields.description();
        this.status = fields.status();
        this.endpoint = fields.endpoint();
        this.httpMethod = fields.httpMethod();
        this.requestFormat = fields.requestFormat();
        this.subscriptions = fields.subscriptions().toArray(String[]::new);
        this.authType = fields.authType();
        this.authData = fields.authData();
        this.customHeaders = fields.customHeaders();
        this.updatedAt = now;
        this.updatedBy = by;
    }

    /** The writable members, checked ({@link WebhookFields}); the JSON ones as stored. */
    record Fields(
            String name,
            String description,
            String status,
            String endpoint,
            String httpMethod,
            String requestFormat,
            List<String> subscriptions,
            String authType,
            String authData,
            String customHeaders) {}

    Fields fields() {
        return new Fields(
                name,
                description,
                status,
                endpoint,
                httpMethod,
                requestFormat,
                List.of(subscriptions),
                authType,
                authData,
                customHeaders);
    }

    void rotateSecret() {
        this.signingSecret = newSecret();
    }

    /** A new ULID: 48 bits of milliseconds and 80 random bits, in Crockford's base32. */
    static String ulid(Instant now) {
        return Ulids.next(now);
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    String getId() {
        return id;
    }

    String getSigningSecret() {
        return signingSecret;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    long getCreatedBy() {
        return createdBy;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    long getUpdatedBy() {
        return updatedBy;
    }

    int getConsecutiveFailures() {
        return consecutiveFailures;
    }

    Instant getBreakerOpenUntil() {
        return breakerOpenUntil;
    }
}

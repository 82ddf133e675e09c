package io.sidedesk.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API token, of which only the SHA-256 digest is kept. */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private byte[] digest;

    private String description;

    private Long userId;

    private Instant createdAt;

    protected ApiToken() {}

    ApiToken(byte[] digest, Long userId, String description) {
        this.digest = digest.clone();
        this.userId = userId;
        this.description = description;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public Long getId() {
        return id;
    }

    public String getDescription() {
        return description;
    }

    /** The one user this token works for, or null for an account-wide token. */
    public Long getUserId() {
        return userId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    byte[] digest() {
        return digest.clone();
    }
}

package io.sidedesk.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Issues, checks and revokes API tokens. Tokens are 40 random alphanumeric characters (about 238 bits);
 * only their SHA-256 digest is stored. Nothing is cached: a revoked token or a deactivated user is
 * refused on the very next request, on every instance.
 */
@Service
public class ApiTokens {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 40;

    private final SecureRandom random = new SecureRandom();
    private final ApiTokenRepository tokens;
    private final ActorLookup actors;
    private final ApplicationEventPublisher publisher;

    ApiTokens(ApiTokenRepository tokens, ActorLookup actors, ApplicationEventPublisher publisher) {
        this.tokens = tokens;
        this.actors = actors;
        this.publisher = publisher;
    }

    /** A new token with a random value; the value is returned here and never again. */
    @Transactional
    public Issued issue(Long userId, String description) {
        StringBuilder value = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return register(value.toString(), userId, description);
    }

    /** A token with a value chosen by the operator (the bootstrap token). */
    @Transactional
    public Issued register(String value, Long userId, String description) {
        ApiToken token = tokens.save(new ApiToken(digest(value), userId, description));
        return new Issued(token, value);
    }

    /** An admin's new token; with a user id it works for that (active) user only. */
    @Transactional
    public Issued create(Actor actor, Long userId, String description) {
        actor.requireAdmin();
        if (userId != null && actors.activeById(userId).isEmpty()) {
            throw RecordInvalid.field("user_id", "is not an active user");
        }
        return issue(userId, description);
    }

    @Transactional(readOnly = true)
    public ListPage<ApiToken> list(Actor actor, Paging paging) {
        actor.requireAdmin();
        Specification<ApiToken> all = (root, query, cb) -> cb.conjunction();
        return paging.fetch(tokens, all, ApiToken::getId);
    }

    @Transactional(readOnly = true)
    public ApiToken show(Actor actor, long id) {
        actor.requireAdmin();
        return tokens.findById(id).orElseThrow(() -> new RecordNotFound("API token", id));
    }

    @Transactional
    public void revoke(Actor actor, long id) {
        ApiToken token = show(actor, id);
        tokens.delete(token);
        if (token.getUserId() != null && !tokens.existsByUserId(token.getUserId())) {
            tokens.flush();
            publisher.publishEvent(new LastTokenRevoked(actor, token.getUserId()));
        }
    }

    /**
     * A user's last personal token was revoked, in the revoking transaction: they can no longer sign in on their own
     * (routing takes them offline).
     */
    public record LastTokenRevoked(Actor actor, long userId) {}

    /**
     * The caller behind a credential: Basic {@code {email}/token:{token}} names the user ({@code email}),
     * a bearer token has no email and works only when it was created for one user.
     */
    public Optional<Actor> authenticate(String email, String value) {
        // One statement, outside any transaction (no BEGIN/COMMIT round trips); the digest is compared by
        // the unique index, and worksFor is part of the statement.
        return actors.activeByToken(digest(value), email);
    }

    static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A token as it was issued: the only time its value is known. */
    public record Issued(ApiToken token, String value) {}
}

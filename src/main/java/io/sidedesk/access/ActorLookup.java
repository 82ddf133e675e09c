package io.sidedesk.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the active user behind a credential. Implemented by the directory, which owns users, so that
 * authentication lives here without this package depending on it.
 */
public interface ActorLookup {

    Optional<Actor> activeById(long userId);

    /**
     * The active users among {@code ids}, with their role, permissions and groups, in one statement (read live in
     * the caller's transaction): whom a notification may reach, and what they may see.
     */
    Map<Long, Actor> activeByIds(Collection<Long> ids);

    /**
     * The active user a token (its SHA-256 digest) works for, in one statement read live (nothing cached):
     * the user named by {@code email}, or the token's own user when no email is given. Empty when the token
     * is unknown, the user unknown or inactive, or the token was created for another user.
     */
    Optional<Actor> activeByToken(byte[] digest, String email);
}

package io.sidedesk.access;

import java.util.Optional;

/**
 * Finds the active user behind a credential. Implemented by the directory, which owns users, so that
 * authentication lives here without this package depending on it.
 */
public interface ActorLookup {

    Optional<Actor> activeByEmail(String email);

    Optional<Actor> activeById(long userId);
}

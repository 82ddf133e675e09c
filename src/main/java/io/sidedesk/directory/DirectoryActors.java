package io.sidedesk.directory;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;

/** Authentication's view of the directory: one indexed query per request, role included. */
@Component
class DirectoryActors implements ActorLookup {

    private final UserRepository users;

    DirectoryActors(UserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Actor> activeByEmail(String email) {
        return users.findByEmailIgnoringCase(email).filter(User::isActive).map(User::toActor);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Actor> activeById(long userId) {
        return users.findWithRoleById(userId).filter(User::isActive).map(User::toActor);
    }
}

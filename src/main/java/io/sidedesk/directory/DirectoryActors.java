package io.sidedesk.directory;

import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.access.Permissions;
import io.sidedesk.access.Role;
import io.sidedesk.access.TicketAccess;

/** Authentication's view of the directory: one indexed statement per request, role and groups included. */
@Component
class DirectoryActors implements ActorLookup {

    // The token, its user (by email, or the token's own), the custom role, and for agents the groups their
    // ticket visibility depends on (as People.scopeOf reads them: memberships, and private groups not joined,
    // deleted groups included). No transaction: a single statement in auto-commit, read live every time.
    private static final String BY_TOKEN = """
            select u.id, u.name, u.email, u.role, cr.role_type, cr.ticket_access, cr.ticket_comment_access,
                   cr.side_conversation_create, cr.assign_tickets_to_any_group,
                   case when u.role = 'agent' then array(
                       select m.group_id from group_memberships m where m.user_id = u.id) end as member_of,
                   case when u.role = 'agent' then array(
                       select g.id from groups g where not g.is_public and not exists (
                           select 1 from group_memberships m where m.group_id = g.id and m.user_id = u.id))
                       end as hidden_private
            from api_tokens t
            join users u on %s
            left join custom_roles cr on cr.id = u.custom_role_id
            where t.digest = :digest and u.active and (t.user_id is null or t.user_id = u.id)
            """;
    private static final String BY_EMAIL = BY_TOKEN.formatted("lower(u.email) = lower(:email)");
    private static final String BY_TOKEN_USER = BY_TOKEN.formatted("u.id = t.user_id");

    private final UserRepository users;
    private final EntityManager entityManager;

    DirectoryActors(UserRepository users, EntityManager entityManager) {
        this.users = users;
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Actor> activeById(long userId) {
        return users.findWithRoleById(userId).filter(User::isActive).map(User::toActor);
    }

    @Override
    public Optional<Actor> activeByToken(byte[] digest, String email) {
        // Through Hibernate (a native query on a session of its own, no transaction) so that its statement
        // statistics, which the query discipline tests read, count this statement too.
        NativeQuery<Object[]> query = entityManager.createNativeQuery(email != null ? BY_EMAIL : BY_TOKEN_USER)
            .unwrap(NativeQuery.class);
        query.setParameter("digest", digest);
        if (email != null) {
            query.setParameter("email", email);
        }
        query.addScalar("id", Long.class).addScalar("name", String.class).addScalar("email", String.class)
            .addScalar("role", String.class).addScalar("role_type", Integer.class)
            .addScalar("ticket_access", String.class).addScalar("ticket_comment_access", String.class)
            .addScalar("side_conversation_create", Boolean.class)
            .addScalar("assign_tickets_to_any_group", Boolean.class)
            .addScalar("member_of", Long[].class).addScalar("hidden_private", Long[].class);
        return query.getResultList().stream().findFirst().map(DirectoryActors::actor);
    }

    private static Actor actor(Object[] row) {
        Role role = Role.of((String) row[3]);
        Permissions permissions = switch (role) {
            case ADMIN -> Permissions.admin();
            case END_USER -> Permissions.endUser();
            case AGENT -> row[4] == null ? Permissions.agent()
                    : Permissions.customRole((Integer) row[4], TicketAccess.of((String) row[5]),
                            "public".equals(row[6]), (Boolean) row[7], (Boolean) row[8]);
        };
        Actor.Groups groups = row[9] == null ? null
                : new Actor.Groups(Set.of((Long[]) row[9]), Set.of((Long[]) row[10]));
        return new Actor((Long) row[0], (String) row[1], (String) row[2], role, permissions, groups);
    }
}

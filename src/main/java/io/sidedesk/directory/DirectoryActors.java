package io.sidedesk.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.access.MacroAccess;
import io.sidedesk.access.Permissions;
import io.sidedesk.access.Role;
import io.sidedesk.access.TicketAccess;
import io.sidedesk.web.ConfigVersion;

/** Authentication's view of the directory: one indexed statement per request, role and groups included. */
@Component
class DirectoryActors implements ActorLookup {

    // The token, its user (by email, or the token's own), the custom role, and for agents the groups their
    // ticket visibility depends on (as People.scopeOf reads them: memberships, and private groups not joined,
    // deleted groups included). No transaction: a single statement in auto-commit, read live every time.
    private static final String COLUMNS = """
            select u.id, u.name, u.email, u.role, cr.role_type, cr.ticket_access, cr.ticket_comment_access,
                   cr.side_conversation_create, cr.assign_tickets_to_any_group, cr.macro_access,
                   case when u.role = 'agent' then array(
                       select m.group_id from group_memberships m where m.user_id = u.id) end as member_of,
                   case when u.role = 'agent' then array(
                       select g.id from groups g where not g.is_public and not exists (
                           select 1 from group_memberships m where m.group_id = g.id and m.user_id = u.id))
                       end as hidden_private
            """;
    // Authentication's statement also reads the configuration's version, for the request (web/ConfigVersion).
    // Positional parameters: named ones cost JdbcClient a substitution and a new statement factory at every call (its
    // parse is cached), for the one statement every request runs (issue 26).
    private static final String BY_TOKEN = COLUMNS.stripTrailing() + ",\n       " + ConfigVersion.COLUMN + "\n" + """
            from api_tokens t
            join users u on %s
            left join custom_roles cr on cr.id = u.custom_role_id
            where t.digest = ? and u.active and (t.user_id is null or t.user_id = u.id)
            """;
    // The email's parameter comes first: the join names it before the digest.
    private static final String BY_EMAIL = BY_TOKEN.formatted("lower(u.email) = lower(?)");
    private static final String BY_TOKEN_USER = BY_TOKEN.formatted("u.id = t.user_id");
    // One array parameter: the same statement whatever the number of ids (one prepared statement, no limit on their
    // number), still served by the primary key.
    private static final String BY_IDS = COLUMNS + """
            from users u left join custom_roles cr on cr.id = u.custom_role_id
            where u.id = any(?) and u.active
            """;

    private final UserRepository users;
    private final JdbcClient jdbc;

    DirectoryActors(UserRepository users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Actor> activeById(long userId) {
        return users.findWithRoleById(userId).filter(User::isActive).map(User::toActor);
    }

    @Override
    public Optional<Actor> activeByToken(byte[] digest, String email) {
        // Plain JDBC, not a Hibernate native query: every authenticated request runs this statement, and a native
        // query's own work (a session, its SQL parsed for parameters, the result set's metadata read to map the
        // columns) cost the request several times what the statement itself does.
        JdbcClient.StatementSpec statement = email != null
                ? jdbc.sql(BY_EMAIL).param(email).param(digest)
                : jdbc.sql(BY_TOKEN_USER).param(digest);
        return statement
                .query((row, number) -> {
                    ConfigVersion.read(row.getLong("config_version"));
                    return actor(row, number);
                })
                .optional();
    }

    @Override
    public Map<Long, Actor> activeByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Actor> found = new HashMap<>();
        jdbc.sql(BY_IDS)
                .param(ids.toArray(Long[]::new))
                .query(DirectoryActors::actor)
                .list()
                .forEach(actor -> found.put(actor.userId(), actor));
        return found;
    }

    private static Actor actor(ResultSet row, int rowNumber) throws SQLException {
        Role role = Role.of(row.getString("role"));
        Permissions permissions =
                switch (role) {
                    case ADMIN -> Permissions.admin();
                    case END_USER -> Permissions.endUser();
                    case AGENT ->
                        row.getObject("role_type") == null
                                ? Permissions.agent()
                                : Permissions.customRole(
                                        row.getInt("role_type"),
                                        TicketAccess.of(row.getString("ticket_access")),
                                        "public".equals(row.getString("ticket_comment_access")),
                                        row.getBoolean("side_conversation_create"),
                                        row.getBoolean("assign_tickets_to_any_group"),
                                        MacroAccess.of(row.getString("macro_access")));
                };
        Array memberOf = row.getArray("member_of");
        Actor.Groups groups = memberOf == null
                ? null
                : new Actor.Groups(Set.of((Long[]) memberOf.getArray()), Set.of((Long[])
                        row.getArray("hidden_private").getArray()));
        return new Actor(row.getLong("id"), row.getString("name"), row.getString("email"), role, permissions, groups);
    }
}

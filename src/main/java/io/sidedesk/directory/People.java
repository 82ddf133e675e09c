package io.sidedesk.directory;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.query.NativeQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.web.RecordInvalid;

/**
 * The directory as other features see it: who a user is, which groups they belong to, and the group
 * facts that ticket visibility and assignment depend on. Everything here is read in few, indexed
 * statements.
 */
@Service
public class People {

    private final UserRepository users;
    private final GroupRepository groups;
    private final GroupMembershipRepository memberships;
    private final EntityManager entityManager;
    private final JdbcClient jdbc;

    People(
            UserRepository users,
            GroupRepository groups,
            GroupMembershipRepository memberships,
            EntityManager entityManager,
            JdbcClient jdbc) {
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    /** A user as features need them: role, whether they may be assigned tickets, their groups. */
    public record Person(
            long id,
            String name,
            String email,
            Role role,
            boolean active,
            boolean assignable,
            Long defaultGroupId,
            Set<Long> groupIds) {

        public boolean isStaff() {
            return role == Role.AGENT || role == Role.ADMIN;
        }
    }

    /**
     * What a non-admin caller's ticket visibility depends on: the groups they belong to, and the private
     * groups they do not belong to (whose tickets they never see).
     */
    public record GroupScope(Set<Long> memberOf, Set<Long> hiddenPrivate) {}

    @Transactional(readOnly = true)
    public Optional<Person> person(long id) {
        return users.findWithRoleById(id)
                .map(user -> person(user, groupIdsOf(List.of(id)).get(id)));
    }

    /** The users whose email is the text, or whose name is (any case): one statement. */
    @Transactional(readOnly = true)
    public List<Long> idsNamed(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return users
                .findAll((root, query, cb) -> cb.or(
                        cb.equal(cb.lower(root.get("email")), lower), cb.equal(cb.lower(root.get("name")), lower)))
                .stream()
                .map(User::getId)
                .toList();
    }

    /** Whether a user with this id exists (active or not), in one statement. */
    @Transactional(readOnly = true)
    public boolean exists(long id) {
        return users.existsById(id);
    }

    /** Many users in two statements, keyed by id; unknown ids are absent. */
    @Transactional(readOnly = true)
    public Map<Long, Person> people(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Set<Long>> groupIds = groupIdsOf(ids);
        Map<Long, Person> found = new HashMap<>();
        for (User user : users.findWithRolesByIdIn(ids)) {
            found.put(user.getId(), person(user, groupIds.get(user.getId())));
        }
        return found;
    }

    /**
     * From what authentication read for this request when it did (no statement), else read now. Not transactional
     * itself (every visibility check asks, mostly within a request's transaction): the read is the repository's.
     */
    public GroupScope scopeOf(Actor actor) {
        if (actor.groups() != null) {
            return new GroupScope(actor.groups().memberOf(), actor.groups().hiddenPrivate());
        }
        Set<Long> memberOf = new HashSet<>();
        Set<Long> hidden = new HashSet<>();
        for (Object[] row : groups.privateOrJoinedBy(actor.userId())) {
            long groupId = ((Number) row[0]).longValue();
            if ((Boolean) row[1]) {
                memberOf.add(groupId);
            } else {
                hidden.add(groupId);
            }
        }
        return new GroupScope(Set.copyOf(memberOf), Set.copyOf(hidden));
    }

    /**
     * The user with this email, or a new end-user with it (a ticket's requester named by email): the address is
     * checked as {@code POST /users} checks it, and a deactivated user's is refused as a requester id would be.
     * Errors name {@code field.email} and {@code field.name}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Person findOrCreateEndUser(String name, String email, String field) {
        String address = Emails.valid(email, field + ".email");
        Optional<User> existing = users.findByEmailIgnoringCase(address);
        if (existing.isPresent()) {
            if (!existing.get().isActive()) {
                throw RecordInvalid.field(
                        field + ".email", Emails.deactivated(existing.get().getId()));
            }
            return person(
                    existing.get(),
                    groupIdsOf(List.of(existing.get().getId()))
                            .get(existing.get().getId()));
        }
        String given = name == null || name.isBlank() ? address.substring(0, address.indexOf('@')) : name.strip();
        if (given.length() > 255) {
            throw RecordInvalid.field(field + ".name", "must be at most 255 characters");
        }
        return person(users.save(new User(given, address, Role.END_USER)), Set.of());
    }

    /**
     * Whether the user may hold a ticket of the group (active, assignable, a member), held so until the transaction
     * ends; see {@link #holdMembers}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdMembership(long userId, long groupId) {
        return holdMembers(Set.of(userId), groupId).contains(userId);
    }

    /**
     * Those of the users who may hold a ticket of the group (active, assignable, members), held so until the
     * transaction ends: {@code FOR SHARE} on each one's membership, user row and custom role. A write that makes
     * them a ticket's assignee calls it; a concurrent deactivation, role change, light agent role or removal from
     * the group (which writes one of those rows before it looks for their tickets) then waits for that write to
     * commit and finds the ticket to unassign, or went first and they are not among those answered.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<Long> holdMembers(Collection<Long> userIds, long groupId) {
        return holdMembers(userIds, groupId, "");
    }

    /**
     * {@link #holdMembership}, without waiting: false as well when a concurrent directory change (or another write)
     * holds their rows. For a job that holds other locks and must never wait (the router): it passes them by.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdMembershipWithoutWaiting(long userId, long groupId) {
        return holdMembers(Set.of(userId), groupId, " skip locked").contains(userId);
    }

    private Set<Long> holdMembers(Collection<Long> userIds, long groupId, String skipLocked) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        // A row of the nullable side of an outer join cannot be locked: the custom role is locked in a sub-select.
        List<?> members = entityManager
                .createNativeQuery("""
                select m.user_id from group_memberships m join users u on u.id = m.user_id
                where m.user_id in (:users) and m.group_id = :group and u.active and u.role in ('agent', 'admin')
                  and (u.custom_role_id is null or exists (select 1 from custom_roles cr
                      where cr.id = u.custom_role_id and cr.role_type <> 1 for share%1$s))
                order by m.user_id
                for share of m, u%1$s""".formatted(skipLocked))
                .setParameter("users", userIds)
                .setParameter("group", groupId)
                .getResultList();
        Set<Long> held = new HashSet<>();
        members.forEach(id -> held.add(((Number) id).longValue()));
        return held;
    }

    /**
     * Whether the group is live, held so until the transaction ends ({@code FOR SHARE}): a write that puts a
     * ticket in the group calls it, so a concurrent deletion waits for it and then moves the ticket, or went
     * first and the answer here is false.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdGroup(long groupId) {
        return !entityManager
                .createNativeQuery("select 1 from groups where id = :group and not deleted for share")
                .setParameter("group", groupId)
                .getResultList()
                .isEmpty();
    }

    /**
     * A live group's name, if there is such a group, in one statement, as this transaction has left it ({@link
     * #directoryRead}). No entity is loaded.
     */
    @Transactional(readOnly = true)
    public Optional<String> groupName(long groupId) {
        return directoryRead(
                        "select name from groups where id = :group and not deleted",
                        Map.of("group", groupId),
                        String.class,
                        "groups")
                .stream()
                .findFirst();
    }

    /**
     * The ids of the active agents and admins of a live group (none of a deleted one), or of the whole account when
     * {@code groupId} is null (whom a group notification addresses), at most {@code limit} of them, in id order, in
     * one statement, as this transaction has left them ({@link #directoryRead}).
     */
    @Transactional(readOnly = true)
    public List<Long> staffIds(Long groupId, int limit) {
        String inGroup = groupId == null
                ? ""
                : "and exists (select 1 from group_memberships m join groups g on g.id = m.group_id "
                        + "where m.user_id = u.id and m.group_id = :group and not g.deleted) ";
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("limit", limit);
        if (groupId != null) {
            parameters.put("group", groupId);
        }
        return directoryRead(
                "select u.id from users u where u.active and u.role in ('agent', 'admin') " + inGroup
                        + "order by u.id limit :limit",
                parameters,
                Long.class,
                "users",
                "group_memberships",
                "groups");
    }

    /**
     * One column of the directory's tables, as this transaction has left them: past the ORM (JdbcClient, on the
     * transaction's connection) when the session can hold no change to these tables ({@link #mayHoldChangesTo}), else
     * through a native query that names them, which the ORM flushes the session for when it holds changes to one of
     * them. Never one that names no table: the ORM flushes the whole session before it, whatever it holds, which in a
     * ticket write updated the ticket half way and then again. The one exception, a removal of an entity the session
     * never loaded (which the ORM's auto-flush misses), is flushed first.
     */
    private <T> List<T> directoryRead(String sql, Map<String, ?> parameters, Class<T> column, String... tables) {
        if (!mayHoldChangesTo(tables)) {
            return List.copyOf(jdbc.sql(sql).params(parameters).query(column).list());
        }
        if (persistenceContext().containsDeletedUnloadedEntityKeys()) {
            // When the session manages nothing else, the ORM's auto-flush skips the flush that the query spaces below
            // ask for, and with it the removal of an entity it never loaded: written now.
            entityManager.flush();
        }
        @SuppressWarnings("unchecked")
        NativeQuery<T> query = entityManager.createNativeQuery(sql, column).unwrap(NativeQuery.class);
        for (String table : tables) {
            query.addSynchronizedQuerySpace(table);
        }
        parameters.forEach(query::setParameter);
        return List.copyOf(query.getResultList());
    }

    /**
     * Whether the transaction's session may hold changes to these tables not yet written: it holds an entity mapped to
     * one of them (loaded, persisted or removed), or has removed one it never loaded.
     */
    boolean mayHoldChangesTo(String... tables) {
        PersistenceContext context = persistenceContext();
        if (context.containsDeletedUnloadedEntityKeys()) {
            return true;
        }
        List<String> read = List.of(tables);
        for (Map.Entry<Object, EntityEntry> held : context.reentrantSafeEntityEntries()) {
            for (Serializable space : held.getValue().getPersister().getQuerySpaces()) {
                if (read.contains(space)) {
                    return true;
                }
            }
        }
        return false;
    }

    private PersistenceContext persistenceContext() {
        return entityManager.unwrap(SessionImplementor.class).getPersistenceContextInternal();
    }

    private Map<Long, Set<Long>> groupIdsOf(Collection<Long> userIds) {
        Map<Long, Set<Long>> byUser = new HashMap<>();
        for (GroupMembership membership : memberships.findByUserIdIn(userIds)) {
            byUser.computeIfAbsent(membership.getUserId(), id -> new HashSet<>())
                    .add(membership.getGroupId());
        }
        return byUser;
    }

    private static Person person(User user, Set<Long> groupIds) {
        return new Person(
                user.getId(),
                user.getName(),
                user.getEmail(),
                user.getRole(),
                user.isActive(),
                user.isActive() && user.permissions().assignable(),
                user.getDefaultGroupId(),
                groupIds == null ? Set.of() : Set.copyOf(groupIds));
    }
}

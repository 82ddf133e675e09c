package io.sidedesk.directory;

import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/** Custom roles: readable by agents, changed by admins. A role held by agents cannot be deleted. */
@Service
class CustomRoles {

    private final CustomRoleRepository roles;
    private final UserRepository users;
    private final ApplicationEventPublisher publisher;

    CustomRoles(CustomRoleRepository roles, UserRepository users, ApplicationEventPublisher publisher) {
        this.roles = roles;
        this.users = users;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    public ListPage<CustomRoleView> list(Actor actor, Paging paging) {
        actor.requireStaff();
        Specification<CustomRole> all = (root, query, cb) -> cb.conjunction();
        return paging.fetch(roles, all, CustomRole::getId).map(CustomRoleView::of);
    }

    @Transactional(readOnly = true)
    public CustomRoleView show(Actor actor, long id) {
        actor.requireStaff();
        return CustomRoleView.of(find(id));
    }

    @Transactional
    public CustomRoleView create(Actor actor, CustomRoleRequest.Fields fields) {
        actor.requireAdmin();
        String name = uniqueName(fields.name());
        int roleType = fields.roleType() == null ? 0 : fields.roleType();
        CustomRole role =
                new CustomRole(name, fields.description(), roleType, CustomRole.Configuration.defaults(roleType));
        if (fields.configuration() != null) {
            role.configure(fields.configuration().toConfiguration());
        }
        return CustomRoleView.of(roles.save(role));
    }

    /**
     * Changes what is sent. Making it a light agent role (role_type 1) unassigns its agents' unsolved tickets in
     * the same transaction (light agents hold none); the answer says how many.
     */
    @Transactional
    public CustomRoleView.CustomRoleChanged update(Actor actor, long id, CustomRoleRequest.Fields fields) {
        actor.requireAdmin();
        CustomRole role = find(id);
        boolean assignable = role.permissions().assignable();
        if (fields.name() != null && !fields.name().trim().equalsIgnoreCase(role.getName())) {
            role.rename(uniqueName(fields.name()));
        }
        if (fields.description() != null) {
            role.describe(fields.description());
        }
        if (fields.roleType() != null) {
            role.changeRoleType(fields.roleType());
        }
        if (fields.configuration() != null) {
            role.configure(fields.configuration().toConfiguration());
        }
        int unassigned = 0;
        if (assignable && !role.permissions().assignable()) {
            // Written first: the role's row lock is what a concurrent assignment to its agents waits on.
            roles.flush();
            AssigneesLostTickets lost = new AssigneesLostTickets(
                    actor,
                    Set.copyOf(users.findIdsByCustomRoleId(id)),
                    null,
                    AssigneesLostTickets.Reason.USER_BECAME_LIGHT_AGENT);
            publisher.publishEvent(lost);
            unassigned = lost.unassigned().get();
        }
        return new CustomRoleView.CustomRoleChanged(CustomRoleView.of(role), unassigned);
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireAdmin();
        CustomRole role = find(id);
        if (users.existsByCustomRoleId(id)) {
            throw RecordInvalid.field("id", "is the role of one or more agents; give them another role first");
        }
        roles.delete(role);
    }

    private CustomRole find(long id) {
        return roles.findById(id).orElseThrow(() -> new RecordNotFound("Custom role", id));
    }

    private String uniqueName(String given) {
        if (given == null || given.isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        String name = given.trim();
        if (roles.existsByNameIgnoreCase(name)) {
            throw RecordInvalid.field("name", "is already used by another custom role");
        }
        return name;
    }
}

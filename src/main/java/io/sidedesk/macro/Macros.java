package io.sidedesk.macro;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.MacroAccess;
import io.sidedesk.directory.RestrictedRules;
import io.sidedesk.directory.Restriction;
import io.sidedesk.directory.Restrictions;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.LikePatterns;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.PositionedRule;
import io.sidedesk.web.RecordInvalid;

/**
 * Macros: staff use those available to them (admins every one; agents the account's, their groups' and their own),
 * and a macro they may not use does not exist for them (404). Admins write any macro; agents as their role's
 * {@code macro_access} allows. Every write is checked whole ({@link MacroChecks}) before anything is written, and leaves
 * the positions 1..n ({@link MacroPositions}).
 */
@Service
class Macros {

    /** An account has at most this many shared macros (for everyone, or for groups)... */
    static final int MAX_MACROS = 5000;

    /** ...and each user at most this many personal ones, so that no agent can use up the account's. */
    static final int MAX_PERSONAL = 100;

    private final MacroRepository macros;
    private final MacroChecks checks;
    private final RestrictedRules<Macro> rules;
    private final MacroEffects effects;
    private final Restrictions restrictions;
    private final Tickets tickets;
    private final JsonMapper json;
    private final Clock clock;

    Macros(
            MacroRepository macros,
            MacroChecks checks,
            MacroPositions positions,
            MacroEffects effects,
            Restrictions restrictions,
            Tickets tickets,
            JsonMapper json,
            Clock clock) {
        this.macros = macros;
        this.checks = checks;
        this.rules = new RestrictedRules<>(
                macros,
                positions,
                restrictions,
                "Macro",
                List.of("personal", "agents", "shared", "account"),
                MAX_MACROS,
                MAX_PERSONAL);
        this.effects = effects;
        this.restrictions = restrictions;
        this.tickets = tickets;
        this.json = json;
        this.clock = clock;
    }

    /** What {@code GET /api/v2/macros} filters by; null members do not filter. */
    record Filter(String access, Boolean active, Long groupId, String category, String query) {}

    @Transactional(readOnly = true)
    public ListPage<MacroView> list(Actor actor, Filter filter, String sortBy, Paging paging) {
        actor.requireStaff();
        if ("agents".equals(filter.access()) && !actor.isAdmin()) {
            throw new ActionForbidden("Only admins can list every agent's personal macros");
        }
        Specification<Macro> kept = rules.listed(
                actor, new RestrictedRules.Filter(filter.access(), filter.active(), filter.groupId(), filter.query()));
        if (filter.category() != null) {
            String category = LikePatterns.literal(filter.category().strip());
            kept = kept.and((root, query, cb) -> cb.or(
                    cb.like(root.get("title"), category + "::%", '\\'),
                    cb.like(root.get("title"), category + " ::%", '\\')));
        }
        Set<Long> hidden = hiddenGroups(actor);
        return PositionedRule.page(macros, kept, sortBy, paging).map(macro -> MacroView.of(macro, hidden));
    }

    /** Macros whose title holds the query (any case). */
    @Transactional(readOnly = true)
    public ListPage<MacroView> search(Actor actor, String query, Filter filter, String sortBy, Paging paging) {
        if (query == null || query.isBlank()) {
            throw new InvalidParameter("query", "is required: the text to look for in titles");
        }
        return list(
                actor,
                new Filter(filter.access(), filter.active(), filter.groupId(), filter.category(), query.strip()),
                sortBy,
                paging);
    }

    @Transactional(readOnly = true)
    public MacroView show(Actor actor, long id) {
        actor.requireStaff();
        return MacroView.of(rules.usable(actor, id), hiddenGroups(actor));
    }

    /** The categories of the macros the caller may use: their titles up to the first {@code ::}, sorted. */
    @Transactional(readOnly = true)
    public List<String> categories(Actor actor) {
        actor.requireStaff();
        Specification<Macro> categorized = (root, query, cb) -> cb.like(root.get("title"), "%::%");
        Set<String> categories = new TreeSet<>();
        macros.findAll(restrictions.<Macro>usableBy(actor).and(categorized))
                .forEach(macro -> categories.add(macro.category()));
        categories.remove("");
        return List.copyOf(categories);
    }

    @Transactional
    public MacroView create(Actor actor, MacroRequest.Fields fields) {
        actor.requireStaff();
        if (fields.title() == null || fields.title().isBlank()) {
            throw RecordInvalid.field("title", "is required");
        }
        if (fields.actions() == null) {
            throw RecordInvalid.field("actions", "is required: [{\"field\": ..., \"value\": ...}]");
        }
        Restriction restriction = Restriction.of(fields.restriction().value());
        RestrictedRules.Rights rights = rights(actor);
        rules.checkNew(actor, restriction, rights);
        checks.check(actor, fields.actions());
        Macro macro = new Macro(
                fields.title().strip(),
                rules.makeRoom(actor, restriction, fields.position(), rights),
                json.writeValueAsString(fields.actions()),
                now());
        rules.fill(macro, fields.members(), restriction);
        macros.save(macro);
        return MacroView.of(macro, hiddenGroups(actor));
    }

    @Transactional
    public MacroView update(Actor actor, long id, MacroRequest.Fields fields) {
        actor.requireStaff();
        RestrictedRules.Rights rights = rights(actor);
        Macro macro = rules.forWriting(actor, id, rights);
        rules.change(actor, macro, fields.members(), rights, now());
        if (fields.actions() != null) {
            checks.check(actor, fields.actions());
            macro.replaceActions(json.writeValueAsString(fields.actions()));
        }
        return MacroView.of(macro, hiddenGroups(actor));
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireStaff();
        rules.delete(actor, id, rights(actor));
    }

    /** Deletes all of them or none: one the caller may not use is a 404, one they may not write a 403. */
    @Transactional
    public void destroyMany(Actor actor, List<Long> ids) {
        actor.requireStaff();
        rules.deleteMany(actor, ids, "ids", rights(actor));
    }

    /** Position and activity of several macros, all or none; each ends at the position asked of it. */
    @Transactional
    public ListPage<MacroView> updateMany(Actor actor, List<RestrictedRules.Change> changes) {
        actor.requireStaff();
        List<Macro> found = rules.changeMany(actor, changes, "macros", rights(actor), now());
        Set<Long> hidden = hiddenGroups(actor);
        return ListPage.all(
                found.stream().map(macro -> MacroView.of(macro, hidden)).toList());
    }

    /**
     * What applying the macro would do, rendered for the caller and the ticket (none: an empty ticket); nothing is
     * written. The ticket must be one the caller may see (404), the macro one they may use (404) and active (422).
     */
    @Transactional(readOnly = true)
    public MacroView.Applied preview(Actor actor, long id, Long ticketId) {
        actor.requireStaff();
        Macro macro = rules.usable(actor, id);
        Ticket ticket = ticketId == null ? null : tickets.requireVisible(actor, ticketId);
        requireActive(macro, "macro");
        MacroEffects.Effect effect = effects.of(actor, ticket, List.of(macro));
        return MacroView.Applied.of(ticket, effect, actor.permissions().publicComments());
    }

    /** The macros an update applies, in the order named: each usable by the caller (404) and active (422). */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Macro> forApplying(Actor actor, List<Long> ids, String member) {
        if (!actor.isStaff()) {
            throw new ActionForbidden("End-users cannot apply macros");
        }
        List<Macro> found = rules.usable(actor, ids, member);
        for (int k = 0; k < found.size(); k++) {
            requireActive(found.get(k), member.equals("macro_id") ? member : member + "[" + k + "]");
        }
        return found;
    }

    private static void requireActive(Macro macro, String member) {
        if (!macro.isActive()) {
            throw RecordInvalid.field(
                    member, "names macro " + macro.getId() + ", which is inactive: activate it first");
        }
    }

    // ---- who may use and write which macros ---------------------------------------------------------------

    /**
     * Admins, and roles with full macro access, write any macro; manage-personal their own personal macros;
     * manage-group also macros restricted to groups they all belong to; readonly (light agents) none: a 403.
     */
    private void requireWriter(Actor actor, Restriction restriction) {
        MacroAccess access =
                actor.isAdmin() ? MacroAccess.FULL : actor.permissions().macroAccess();
        if (access == MacroAccess.FULL) {
            return;
        }
        if (access == null || access == MacroAccess.READONLY) {
            throw new ActionForbidden("Your role can use macros but not create or change them");
        }
        if (restriction.isPersonal() && restriction.ids().equals(List.of(actor.userId()))) {
            return;
        }
        if (access == MacroAccess.MANAGE_GROUP
                && Restriction.GROUP.equals(restriction.type())
                && restrictions.memberOf(actor).containsAll(restriction.ids())) {
            return;
        }
        throw new ActionForbidden(
                access == MacroAccess.MANAGE_GROUP
                        ? "Your role can manage only your personal macros (restriction {\"type\": \"User\", \"id\": "
                                + actor.userId() + "}) and those of groups you belong to"
                        : "Your role can manage only your personal macros (restriction {\"type\": \"User\", \"id\": "
                                + actor.userId() + "})");
    }

    /**
     * The order of macros is the account's: only admins and roles with full macro access place a macro (others' new
     * macros go last, and keep their place), so that no agent moves the macros everyone uses.
     */
    private static void requireOrderer(Actor actor, Integer position) {
        if (position != null && !actor.isAdmin() && actor.permissions().macroAccess() != MacroAccess.FULL) {
            throw new ActionForbidden("Only admins and roles with full macro access can place macros: leave out "
                    + "position (a new macro goes last)");
        }
    }

    private RestrictedRules.Rights rights(Actor actor) {
        return new RestrictedRules.Rights(
                restriction -> requireWriter(actor, restriction), position -> requireOrderer(actor, position));
    }

    private Set<Long> hiddenGroups(Actor actor) {
        return restrictions.hiddenGroups(actor);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

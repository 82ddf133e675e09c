package io.sidedesk.view;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.condition.Conditions;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.directory.RestrictedRules;
import io.sidedesk.directory.Restriction;
import io.sidedesk.directory.Restrictions;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.PositionedRule;
import io.sidedesk.web.RecordInvalid;

/**
 * Views: staff use those available to them (admins every one; others the account's, their groups' and their own; one
 * they may not use does not exist for them: 404), and run them: the tickets they may see that meet its conditions,
 * in SQL, with their count in one statement. Admins write any view; everyone else their personal views (403 else).
 * Every write is checked whole before anything is written, and leaves the positions 1..n ({@link ViewPositions}).
 */
@Service
class Views {

    /** An account has at most this many shared views (for everyone, or for groups)... */
    static final int MAX_VIEWS = 5000;

    /** ...and each user at most this many personal ones. */
    static final int MAX_PERSONAL = 100;

    /** {@code count_many} counts at most this many views, as Zendesk's does. */
    static final int MAX_COUNT_MANY = 20;

    /** {@code compact} lists at most this many, as Zendesk's does. */
    static final int MAX_COMPACT = 32;

    private final ViewRepository views;
    private final RestrictedRules<View> rules;
    private final Restrictions restrictions;
    private final People people;
    private final Groups groups;
    private final Tickets tickets;
    private final JsonMapper json;
    private final Clock clock;

    Views(
            ViewRepository views,
            ViewPositions positions,
            Restrictions restrictions,
            People people,
            Groups groups,
            Tickets tickets,
            JsonMapper json,
            Clock clock) {
        this.views = views;
        this.rules = new RestrictedRules<>(
                views,
                positions,
                restrictions,
                "View",
                List.of("personal", "shared", "account"),
                MAX_VIEWS,
                MAX_PERSONAL);
        this.restrictions = restrictions;
        this.people = people;
        this.groups = groups;
        this.tickets = tickets;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ListPage<ViewView> list(Actor actor, RestrictedRules.Filter filter, String sortBy, Paging paging) {
        actor.requireStaff();
        Set<Long> hidden = restrictions.hiddenGroups(actor);
        return PositionedRule.page(views, rules.listed(actor, filter), sortBy, paging)
                .map(view -> view(view, hidden));
    }

    /** Views whose title holds the query (any case). */
    @Transactional(readOnly = true)
    public ListPage<ViewView> search(
            Actor actor, String query, RestrictedRules.Filter filter, String sortBy, Paging paging) {
        if (query == null || query.isBlank()) {
            throw new InvalidParameter("query", "is required: the text to look for in titles");
        }
        return list(
                actor,
                new RestrictedRules.Filter(filter.access(), filter.active(), filter.groupId(), query.strip()),
                sortBy,
                paging);
    }

    /** The first active views the caller may use, by position: what a front end shows in its list of views. */
    @Transactional(readOnly = true)
    public List<ViewView> compact(Actor actor) {
        actor.requireStaff();
        Set<Long> hidden = restrictions.hiddenGroups(actor);
        return views
                .findBy(
                        rules.listed(actor, new RestrictedRules.Filter(null, true, null, null)),
                        q -> q.sortBy(Sort.by("position")).limit(MAX_COMPACT).all())
                .stream()
                .map(view -> view(view, hidden))
                .toList();
    }

    @Transactional(readOnly = true)
    public ViewView show(Actor actor, long id) {
        actor.requireStaff();
        return view(rules.usable(actor, id), restrictions.hiddenGroups(actor));
    }

    @Transactional
    public ViewView create(Actor actor, ViewRequest.Fields fields) {
        actor.requireStaff();
        if (fields.title() == null || fields.title().isBlank()) {
            throw RecordInvalid.field("title", "is required");
        }
        // Agents write their personal views: theirs unless they say otherwise.
        Restriction restriction = fields.restriction().isSent() || actor.isAdmin()
                ? Restriction.of(fields.restriction().value())
                : Restriction.user(actor.userId());
        RestrictedRules.Rights rights = rights(actor);
        rules.checkNew(actor, restriction, rights);
        String conditions = checkedConditions(actor, fields, Conditions.NONE);
        ViewLanguage.Execution execution = ViewLanguage.execution(
                fields.output() == null ? null : fields.output().written(), ViewLanguage.Execution.DEFAULT);
        View view = new View(
                fields.title().strip(),
                rules.makeRoom(actor, restriction, fields.position(), rights),
                conditions,
                json.writeValueAsString(execution),
                now());
        rules.fill(view, fields.members(), restriction);
        views.save(view);
        return view(view, restrictions.hiddenGroups(actor));
    }

    @Transactional
    public ViewView update(Actor actor, long id, ViewRequest.Fields fields) {
        actor.requireStaff();
        RestrictedRules.Rights rights = rights(actor);
        View view = rules.forWriting(actor, id, rights);
        rules.change(actor, view, fields.members(), rights, now());
        if (fields.conditionsSent()) {
            view.replaceConditions(
                    checkedConditions(actor, fields, json.readValue(view.getConditions(), Conditions.class)));
        }
        if (fields.output() != null) {
            view.replaceExecution(json.writeValueAsString(
                    ViewLanguage.execution(fields.output().written(), execution(view))));
        }
        return view(view, restrictions.hiddenGroups(actor));
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireStaff();
        rules.delete(actor, id, rights(actor));
    }

    /** Position and activity of several views, all or none; each ends at the position asked of it. */
    @Transactional
    public ListPage<ViewView> updateMany(Actor actor, List<RestrictedRules.Change> changes) {
        actor.requireStaff();
        List<View> found = rules.changeMany(actor, changes, "views", rights(actor), now());
        Set<Long> hidden = restrictions.hiddenGroups(actor);
        return ListPage.all(found.stream().map(view -> view(view, hidden)).toList());
    }

    // ---- running views ------------------------------------------------------------------------------------

    /** One page of the view's tickets that the caller may see, in the view's order or the one asked. */
    @Transactional(readOnly = true)
    public ListPage<?> tickets(Actor actor, long id, String sortBy, String sortOrder, Paging paging) {
        actor.requireStaff();
        View view = rules.usable(actor, id);
        return tickets.matching(
                actor, conditions(view), ViewLanguage.order(sortBy, sortOrder, execution(view)), paging);
    }

    /** Every ticket of the view the caller may see, by id, a page at a time. */
    @Transactional(readOnly = true)
    public ListPage<?> export(Actor actor, long id, Paging paging) {
        actor.requireStaff();
        View view = rules.usable(actor, id);
        return tickets.matching(actor, conditions(view), new io.sidedesk.ticket.TicketQuery.Order("id", false), paging);
    }

    @Transactional(readOnly = true)
    public ViewView.Count count(Actor actor, long id) {
        actor.requireStaff();
        View view = rules.usable(actor, id);
        return ViewView.Count.of(view.getId(), tickets.countMatching(actor, conditions(view)));
    }

    /** The counts of the views named that the caller may use, in the order named (others are left out). */
    @Transactional(readOnly = true)
    public List<ViewView.Count> countMany(Actor actor, List<Long> ids) {
        actor.requireStaff();
        Map<Long, View> usable = new LinkedHashMap<>();
        views.findAll(restrictions.<View>usableBy(actor).and((root, query, cb) -> root.get("id")
                        .in(ids)))
                .forEach(view -> usable.put(view.getId(), view));
        List<ViewView.Count> counts = new ArrayList<>();
        for (long id : ids) {
            View view = usable.get(id);
            if (view != null) {
                counts.add(ViewView.Count.of(id, tickets.countMatching(actor, conditions(view))));
            }
        }
        return counts;
    }

    /** The tickets unsaved conditions hold, as rows of the columns asked; nothing is written. */
    @Transactional(readOnly = true)
    public ListPage.Body preview(Actor actor, ViewRequest.Unsaved unsaved, Paging paging) {
        actor.requireStaff();
        ViewRequest.Fields fields = unsaved.fields();
        ConditionLanguage.Checked checked = previewed(actor, fields);
        ViewLanguage.Execution execution = ViewLanguage.execution(
                fields.output() == null ? null : fields.output().written(), ViewLanguage.Execution.DEFAULT);
        ListPage.Body body = tickets.matching(actor, checked, execution.order(), paging)
                .mapAll(found ->
                        found.stream().map(ticket -> row(ticket, execution)).toList())
                .body("rows");
        ViewView.PreviewMembers members = ViewView.PreviewMembers.of(execution);
        body.members().put("columns", members.columns());
        body.members().put("groups", members.groups());
        return body;
    }

    @Transactional(readOnly = true)
    public ViewView.Count previewCount(Actor actor, ViewRequest.Unsaved unsaved) {
        actor.requireStaff();
        return ViewView.Count.of(null, tickets.countMatching(actor, previewed(actor, unsaved.fields())));
    }

    /** What each column shows, as the ticket's member that holds it. */
    private static final Map<String, String> COLUMN_MEMBERS = Map.of(
            "nice_id", "id",
            "requester", "requester_id",
            "assignee", "assignee_id",
            "group", "group_id",
            "created", "created_at",
            "updated", "updated_at");

    private Map<String, Object> row(Object ticket, ViewLanguage.Execution execution) {
        JsonNode node = json.valueToTree(ticket);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ticket", node);
        for (String column : execution.columns()) {
            row.put(column, node.get(COLUMN_MEMBERS.getOrDefault(column, column)));
        }
        return row;
    }

    private ConditionLanguage.Checked previewed(Actor actor, ViewRequest.Fields fields) {
        return ViewLanguage.CONDITIONS.check(
                json.readValue(checkedConditions(actor, fields, Conditions.NONE), Conditions.class), "conditions");
    }

    // ---- reading and checking -----------------------------------------------------------------------------

    /**
     * The conditions sent over the {@code current} ones, checked whole (their language; at least one in {@code all};
     * the users and groups they name exist for the writer), as they are kept.
     */
    private String checkedConditions(Actor actor, ViewRequest.Fields fields, Conditions current) {
        Conditions conditions = fields.sentConditions(current);
        String member = fields.conditionsMember();
        ViewLanguage.CONDITIONS.check(conditions, member);
        if (conditions.all().isEmpty()) {
            throw RecordInvalid.field(member.isEmpty() ? "all" : member + ".all", "must hold at least one condition");
        }
        Map<String, Long> users = conditions.namedIds(member, ViewLanguage.ID_FIELDS, "user");
        Map<Long, People.Person> known = people.people(users.values());
        users.forEach((place, id) -> {
            if (!known.containsKey(id)) {
                throw RecordInvalid.field(place, "names user " + id + ", who does not exist");
            }
        });
        Map<String, Long> named = conditions.namedIds(member, ViewLanguage.ID_FIELDS, "group");
        Set<Long> visible = groups.visibleAmong(actor, named.values());
        named.forEach((place, id) -> {
            if (!visible.contains(id)) {
                throw RecordInvalid.field(place, "names group " + id + ", which does not exist");
            }
        });
        return json.writeValueAsString(new Conditions(conditions.all(), conditions.any()));
    }

    private ConditionLanguage.Checked conditions(View view) {
        return ViewLanguage.CONDITIONS.check(json.readValue(view.getConditions(), Conditions.class), "conditions");
    }

    private ViewLanguage.Execution execution(View view) {
        return json.readValue(view.getExecution(), ViewLanguage.Execution.class);
    }

    private ViewView view(View view, Set<Long> hidden) {
        return ViewView.of(view, shownConditions(view, hidden), execution(view), hidden);
    }

    /**
     * The view's conditions as the reader may see them: a condition naming a private group they are not in is left
     * out (R22: to them that group does not exist; the view still runs on it, and finds none of its tickets for them).
     */
    private String shownConditions(View view, Set<Long> hidden) {
        if (hidden.isEmpty()) {
            return view.getConditions();
        }
        Conditions conditions = json.readValue(view.getConditions(), Conditions.class);
        Conditions shown = conditions.withoutGroups(hidden);
        return shown == conditions ? view.getConditions() : json.writeValueAsString(shown);
    }

    /** Admins write any view; everyone else only their personal views: a 403. */
    private static void requireWriter(Actor actor, Restriction restriction) {
        if (actor.isAdmin() || restriction.isPersonal() && restriction.ids().equals(List.of(actor.userId()))) {
            return;
        }
        throw new ActionForbidden("Agents can create and change only their personal views (restriction "
                + "{\"type\": \"User\", \"id\": " + actor.userId() + "})");
    }

    /** The order of views is the account's: only admins place a view (others' go last, and keep their place). */
    private static void requireOrderer(Actor actor, Integer position) {
        if (position != null && !actor.isAdmin()) {
            throw new ActionForbidden("Only admins can place views: leave out position (a new view goes last)");
        }
    }

    private RestrictedRules.Rights rights(Actor actor) {
        return new RestrictedRules.Rights(
                restriction -> requireWriter(actor, restriction), position -> requireOrderer(actor, position));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.sidedesk.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Condition;
import io.sidedesk.condition.Conditions;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.ticket.TicketConditions;
import io.sidedesk.ticket.TicketQuery;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.RecordInvalid;

/**
 * What each token of a search means: free words over the subject and the comments the searcher may read, and the
 * keys below as conditions in the language views use ({@link TicketQuery#CONDITIONS}), so a search and a view
 * asking the same thing ask it in the same SQL. Names (a group's, a user's email or name) are looked up as the
 * searcher may see them; a name that finds nothing matches nothing. A key or value it does not know is a 400 naming
 * the token.
 */
@Component
class SearchTerms {

    /** What a search looks for. */
    enum Type {
        TICKET,
        USER
    }

    /** A query read: what it looks for, the terms every result holds, the words for users, and the order asked. */
    record Read(Type type, List<TicketQuery.Term> terms, List<String> words, String orderBy, String sort) {}

    static final List<String> KEYS = List.of(
            "type",
            "status",
            "priority",
            "ticket_type",
            "group",
            "group_id",
            "assignee",
            "assignee_id",
            "requester",
            "requester_id",
            "tags",
            "tag",
            "created",
            "updated",
            "via",
            "order_by",
            "sort",
            "has_children",
            "child_of",
            "child_status");

    private static final Pattern RELATIVE =
            Pattern.compile("(\\d{1,6})(minute|hour|day|week|month|year)s?", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Duration> UNITS = Map.of(
            "minute", Duration.ofMinutes(1),
            "hour", Duration.ofHours(1),
            "day", Duration.ofDays(1),
            "week", Duration.ofDays(7),
            "month", Duration.ofDays(30),
            "year", Duration.ofDays(365));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Groups groups;
    private final People people;
    private final Tickets tickets;

    SearchTerms(Groups groups, People people, Tickets tickets) {
        this.groups = groups;
        this.people = people;
        this.tickets = tickets;
    }

    Read read(Actor actor, String query, Instant now) {
        Type type = Type.TICKET;
        List<TicketQuery.Term> terms = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String orderBy = null;
        String sort = null;
        for (SearchQuery.Token token : SearchQuery.tokens(query)) {
            if (token.key() == null) {
                TicketQuery.Term term = words(token);
                if (term != null) {
                    terms.add(token.negated() ? new TicketQuery.Not(term) : term);
                    if (!token.negated()) {
                        words.add(token.value());
                    }
                }
                continue;
            }
            switch (token.key()) {
                case "type" -> {
                    only(token, ":");
                    type = switch (token.value().toLowerCase(Locale.ROOT)) {
                        case "ticket" -> Type.TICKET;
                        case "user" -> Type.USER;
                        default -> throw SearchQuery.unreadable(token.text(), "must be type:ticket or type:user");
                    };
                }
                case "order_by" -> {
                    only(token, ":");
                    orderBy = token.value().toLowerCase(Locale.ROOT);
                }
                case "sort" -> {
                    only(token, ":");
                    sort = token.value().toLowerCase(Locale.ROOT);
                }
                default -> {
                    TicketQuery.Term term = ticketTerm(actor, token, now);
                    terms.add(token.negated() ? new TicketQuery.Not(term) : term);
                }
            }
        }
        if (type == Type.USER && terms.stream().anyMatch(term -> !(term instanceof TicketQuery.Words))) {
            throw new InvalidParameter(
                    "query", "type:user searches names and emails by words; the other terms are for " + "tickets");
        }
        return new Read(type, terms, words, orderBy, sort);
    }

    /**
     * A free word ({@code refund}, {@code refu*}; a number is also a ticket id) or a quoted phrase; null when it holds
     * no letter or digit.
     */
    private static TicketQuery.Term words(SearchQuery.Token token) {
        String text = token.value();
        if (text.chars().noneMatch(Character::isLetterOrDigit)) {
            if (token.phrase()) {
                return null;
            }
            throw SearchQuery.unreadable(token.text(), "holds no letter or digit to look for");
        }
        if (token.phrase()) {
            return new TicketQuery.Words(TicketQuery.WordMode.PHRASE, text);
        }
        if (text.endsWith("*")) {
            String start = text.substring(0, text.length() - 1);
            if (start.isEmpty() || !start.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw SearchQuery.unreadable(token.text(), "must be letters or digits before the *");
            }
            return new TicketQuery.Words(TicketQuery.WordMode.PREFIX, start.toLowerCase(Locale.ROOT) + ":*");
        }
        // A word of letters and digits finds the words it starts (top: topology), as Zendesk's does; one with other
        // characters (an email address) is read by the database's parser, whole.
        TicketQuery.Term words = text.chars().allMatch(Character::isLetterOrDigit)
                ? new TicketQuery.Words(TicketQuery.WordMode.PREFIX, text.toLowerCase(Locale.ROOT) + ":*")
                : new TicketQuery.Words(TicketQuery.WordMode.ALL, text);
        // As Zendesk's: a number is also the ticket of that id.
        return isId(text) ? new TicketQuery.AnyOf(List.of(new TicketQuery.IdIs(Long.parseLong(text)), words)) : words;
    }

    private TicketQuery.Term ticketTerm(Actor actor, SearchQuery.Token token, Instant now) {
        String value = token.value();
        String lower = value.toLowerCase(Locale.ROOT);
        return switch (token.key()) {
            case "status" -> ordered(token, "status", lower, TicketConditions.STATUS.values());
            case "child_status" -> {
                TicketQuery.Term term = ordered(token, "child_status", lower, TicketConditions.STATUS.values());
                // Side conversations are staff's: to an end-user, no ticket has a child.
                yield actor.isStaff() ? term : TicketQuery.NOTHING;
            }
            case "priority" ->
                ordered(token, "priority", lower.equals("none") ? "" : lower, TicketConditions.PRIORITY.values());
            case "ticket_type" -> {
                only(token, ":");
                yield is(token, "type", lower.equals("none") ? "" : lower, TicketConditions.TYPE.values());
            }
            case "tags", "tag" -> {
                only(token, ":");
                // End-users read no tags (agents' vocabulary): to them, no ticket has one.
                yield actor.isStaff()
                        ? meets(token, condition("current_tags", "includes", NODES.stringNode(value)))
                        : TicketQuery.NOTHING;
            }
            case "via" -> {
                only(token, ":");
                String via =
                        switch (lower) {
                            case "side_conversation" -> TicketConditions.VIA_SIDE_CONVERSATION;
                            case "api", "web", "web_service" -> TicketConditions.VIA_WEB_SERVICE;
                            default ->
                                throw SearchQuery.unreadable(token.text(), "must be via:side_conversation or via:api");
                        };
                yield meets(token, condition("via_id", "is", NODES.stringNode(via)));
            }
            case "group_id", "assignee_id", "requester_id" -> {
                only(token, ":");
                yield meets(token, condition(token.key(), "is", NODES.stringNode(id(token, lower))));
            }
            case "group" -> {
                only(token, ":");
                if (lower.equals("none")) {
                    yield meets(token, condition("group_id", "is", NODES.stringNode("")));
                }
                Optional<Long> group = isId(lower)
                        ? Optional.of(Long.parseLong(lower)).filter(id -> groups.canSee(actor, id))
                        : groups.visibleNamed(actor, value);
                yield group.<TicketQuery.Term>map(id -> meets(token, condition("group_id", "is", NODES.numberNode(id))))
                        .orElseGet(() -> TicketQuery.NOTHING);
            }
            case "assignee", "requester" -> {
                only(token, ":");
                String field = token.key() + "_id";
                if (lower.equals("me")) {
                    yield meets(token, condition(field, "is", NODES.stringNode("current_user")));
                }
                if (lower.equals("none") && field.equals("assignee_id")) {
                    yield meets(token, condition(field, "is", NODES.stringNode("")));
                }
                yield new TicketQuery.PersonAmong(
                        field, isId(lower) ? List.of(Long.parseLong(lower)) : people.idsNamed(value));
            }
            case "created", "updated" -> moment(token, token.key().equals("created") ? "NEW" : "updated_at", now);
            case "has_children" -> {
                only(token, ":");
                TicketQuery.Term children = actor.isStaff() ? new TicketQuery.HasChildren() : TicketQuery.NOTHING;
                yield switch (lower) {
                    case "true" -> children;
                    case "false" -> new TicketQuery.Not(children);
                    default ->
                        throw SearchQuery.unreadable(token.text(), "must be has_children:true or has_children:false");
                };
            }
            case "child_of" -> {
                only(token, ":");
                long parent = Long.parseLong(id(token, lower));
                // Children of a parent the searcher may not see are not told apart from any other ticket; end-users
                // know of no children.
                yield actor.isStaff() && tickets.isVisible(actor, parent)
                        ? new TicketQuery.ChildOf(parent)
                        : TicketQuery.NOTHING;
            }
            default ->
                throw SearchQuery.unreadable(
                        token.text(),
                        "is not a term this service knows (" + String.join(", ", KEYS)
                                + "); put text in quotes to search for it");
        };
    }

    /** {@code status:open}, {@code status<solved}, {@code status>=pending}: in the order of the values. */
    private static TicketQuery.Term ordered(SearchQuery.Token token, String field, String value, List<String> values) {
        if (!values.contains(value)) {
            throw SearchQuery.unreadable(token.text(), "must name one of " + String.join(", ", nonEmpty(values)));
        }
        JsonNode node = NODES.stringNode(value);
        Conditions conditions =
                switch (token.operator()) {
                    case ":" -> new Conditions(List.of(condition(field, "is", node)), List.of());
                    case "<" -> new Conditions(List.of(condition(field, "less_than", node)), List.of());
                    case ">" -> new Conditions(List.of(condition(field, "greater_than", node)), List.of());
                    case "<=" ->
                        new Conditions(
                                List.of(), List.of(condition(field, "less_than", node), condition(field, "is", node)));
                    default ->
                        new Conditions(
                                List.of(),
                                List.of(condition(field, "greater_than", node), condition(field, "is", node)));
                };
        return new TicketQuery.Meets(check(token, conditions));
    }

    private static TicketQuery.Term is(SearchQuery.Token token, String field, String value, List<String> values) {
        if (!values.contains(value)) {
            throw SearchQuery.unreadable(
                    token.text(), "must name one of " + String.join(", ", nonEmpty(values)) + " or none");
        }
        return meets(token, condition(field, "is", NODES.stringNode(value)));
    }

    /**
     * {@code created>2026-01-01} (after that day), {@code created<2026-01-01} (before it), {@code created:2026-01-01}
     * (on it, UTC), a moment ({@code 2026-01-01T09:00:00Z}), or a time ago ({@code updated<1hour}: longer ago than an
     * hour; {@code updated>1hour}: within the last hour); as hours ago, as views ask it.
     */
    private static TicketQuery.Term moment(SearchQuery.Token token, String field, Instant now) {
        String value = token.value();
        Instant from;
        Instant to;
        Matcher relative = RELATIVE.matcher(value);
        if (!relative.matches() && !value.matches("\\d{4}-\\d{2}-\\d{2}([Tt].*)?")) {
            // Years of four digits only: what PostgreSQL holds, and what a helpdesk asks.
            throw SearchQuery.unreadable(
                    token.text(), "must be a day (2026-01-31), a moment (2026-01-31T09:00:00Z) or a time ago (4hours)");
        }
        if (relative.matches()) {
            from = now.minus(UNITS.get(relative.group(2).toLowerCase(Locale.ROOT))
                    .multipliedBy(Long.parseLong(relative.group(1))));
            to = from;
        } else {
            try {
                LocalDate day = LocalDate.parse(value);
                from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDay) {
                try {
                    from = OffsetDateTime.parse(value).toInstant();
                    to = from;
                } catch (DateTimeParseException notMoment) {
                    throw SearchQuery.unreadable(
                            token.text(),
                            "must be a day (2026-01-31), a moment (2026-01-31T09:00:00Z) or a time ago (4hours)");
                }
            }
        }
        List<Condition> all = new ArrayList<>();
        switch (token.operator()) {
            case ">" -> all.add(hoursAgo(field, "less_than", to, now));
            case ">=" -> all.add(hoursAgo(field, "less_than", from, now));
            case "<" -> all.add(hoursAgo(field, "greater_than", from, now));
            case "<=" -> all.add(hoursAgo(field, "greater_than", to, now));
            default -> {
                if (from.equals(to)) {
                    throw SearchQuery.unreadable(token.text(), "compares with < or >; : takes a day");
                }
                all.add(hoursAgo(field, "less_than", from, now));
                all.add(hoursAgo(field, "greater_than", to, now));
            }
        }
        return new TicketQuery.Meets(check(token, new Conditions(all, List.of())));
    }

    /** Later than the moment: fewer hours ago than it (less_than); earlier: more (greater_than). */
    private static Condition hoursAgo(String field, String operator, Instant moment, Instant now) {
        double hours = Duration.between(moment, now).toMillis() / 3_600_000.0;
        return condition(field, operator, NODES.numberNode(hours));
    }

    /** A positive id as the API writes one: at most 18 digits, so that it always fits a long. */
    private static boolean isId(String value) {
        return value.matches("[1-9][0-9]{0,17}");
    }

    private static String id(SearchQuery.Token token, String value) {
        if (!isId(value)) {
            throw SearchQuery.unreadable(token.text(), "must name an id");
        }
        return value;
    }

    private static void only(SearchQuery.Token token, String operator) {
        if (!token.operator().equals(operator)) {
            throw SearchQuery.unreadable(token.text(), "takes " + token.key() + operator + "<value>");
        }
    }

    private static TicketQuery.Term meets(SearchQuery.Token token, Condition condition) {
        return new TicketQuery.Meets(check(token, new Conditions(List.of(condition), List.of())));
    }

    /** Checked in the views' language; a value it refuses is a 400 naming the token. */
    private static io.sidedesk.condition.ConditionLanguage.Checked check(
            SearchQuery.Token token, Conditions conditions) {
        try {
            return TicketQuery.CONDITIONS.check(conditions, "query");
        } catch (RecordInvalid refused) {
            String why = refused.details().values().stream()
                    .flatMap(List::stream)
                    .findFirst()
                    .orElse("is not a value it takes");
            throw SearchQuery.unreadable(token.text(), "cannot be searched for: " + why);
        }
    }

    private static Condition condition(String field, String operator, JsonNode value) {
        return new Condition(field, operator, value);
    }

    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(value -> !value.isEmpty()).toList();
    }
}

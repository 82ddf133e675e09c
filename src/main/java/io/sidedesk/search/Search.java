package io.sidedesk.search;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.Users;
import io.sidedesk.ticket.TicketQuery;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;

/**
 * {@code /api/v2/search}: the tickets (or, with {@code type:user}, the users) a query finds among those the caller may
 * see, each with its {@code result_type}; offset pages over the first {@value #MAX_RESULTS} results as Zendesk's, and
 * every result by cursor through the export.
 */
@Service
class Search {

    static final int MAX_RESULTS = 1000;

    /** What {@code order_by} / {@code sort_by} may order tickets by, and the key each means. */
    private static final Map<String, String> ORDERS = Map.of(
            "created", "id",
            "created_at", "id",
            "updated", "updated_at",
            "updated_at", "updated_at",
            "priority", "priority",
            "status", "status");

    private final SearchTerms terms;
    private final Tickets tickets;
    private final Users users;
    private final JsonMapper json;
    private final Clock clock;

    Search(SearchTerms terms, Tickets tickets, Users users, JsonMapper json, Clock clock) {
        this.terms = terms;
        this.tickets = tickets;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ListPage<ObjectNode> search(Actor actor, String query, String sortBy, String sortOrder, Paging paging) {
        if (paging.isCursor()) {
            throw new InvalidParameter(
                    "page[size]", "search pages by page and per_page; GET /api/v2/search/export pages by cursor");
        }
        paging.requireWithin(MAX_RESULTS, "GET /api/v2/search/export reaches every result");
        SearchTerms.Read read = terms.read(actor, query, clock.instant());
        if (read.type() == SearchTerms.Type.USER) {
            return users.find(actor, String.join(" ", read.words()), paging).map(user -> result(user, "user"));
        }
        return tickets.search(actor, read.terms(), order(read, sortBy, sortOrder), paging)
                .map(ticket -> result(ticket, "ticket"));
    }

    @Transactional(readOnly = true)
    public long count(Actor actor, String query) {
        SearchTerms.Read read = terms.read(actor, query, clock.instant());
        if (read.type() == SearchTerms.Type.USER) {
            throw new InvalidParameter("query", "counts tickets: type:user is not counted");
        }
        return tickets.countSearch(actor, read.terms());
    }

    /** Every ticket the query finds, by id, a cursor page at a time. */
    @Transactional(readOnly = true)
    public ListPage<ObjectNode> export(Actor actor, String query, String type, Paging paging) {
        if (!paging.isCursor()) {
            throw new InvalidParameter("page[size]", "is required: the export pages by cursor");
        }
        if (type != null && !type.equals("ticket")) {
            throw new InvalidParameter("filter[type]", "must be ticket");
        }
        SearchTerms.Read read = terms.read(actor, query, clock.instant());
        if (read.type() != SearchTerms.Type.TICKET) {
            throw new InvalidParameter("query", "the export finds tickets: type:user is not exported");
        }
        return tickets.search(actor, read.terms(), new TicketQuery.Order("id", false), paging)
                .map(ticket -> result(ticket, "ticket"));
    }

    private static TicketQuery.Order order(SearchTerms.Read read, String sortBy, String sortOrder) {
        String asked = read.orderBy() != null ? read.orderBy() : sortBy;
        String key = asked == null ? "updated_at" : ORDERS.get(asked.toLowerCase(Locale.ROOT));
        if (key == null) {
            throw new InvalidParameter(
                    read.orderBy() != null ? "query" : "sort_by", "orders by created, updated, priority or status");
        }
        String direction =
                read.sort() != null ? read.sort() : sortOrder == null ? "desc" : sortOrder.toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidParameter(read.sort() != null ? "query" : "sort_order", "must be asc or desc");
        }
        return new TicketQuery.Order(key, direction.equals("desc"));
    }

    private ObjectNode result(Object found, String type) {
        ObjectNode node = json.valueToTree(found);
        node.put("result_type", type);
        return node;
    }
}

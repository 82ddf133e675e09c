package io.sidedesk.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.ticket.TicketQuery;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.RecordInvalid;

/**
 * What views may say: conditions over a ticket's current state (the shared condition language, without the operators
 * that look at a change, plus the hour fields and Sidedesk's {@code child_status}), and how they are shown (columns,
 * grouping, order), each checked as a view is written: a 422 naming its place.
 */
final class ViewLanguage {

    /** The language of views: a ticket's current state, as search and queues ask it. */
    static final ConditionLanguage CONDITIONS = TicketQuery.CONDITIONS;

    /** The fields whose condition values name users or groups, which must exist. */
    static final Map<String, String> ID_FIELDS =
            Map.of("group_id", "group", "assignee_id", "user", "requester_id", "user");

    /** The columns a view may show, by id, with their titles. */
    static final Map<String, String> COLUMNS = columns(
            "nice_id", "ID",
            "subject", "Subject",
            "requester", "Requester",
            "assignee", "Assignee",
            "group", "Group",
            "status", "Status",
            "priority", "Priority",
            "type", "Type",
            "created", "Requested",
            "updated", "Updated");

    static final int MAX_COLUMNS = 10;

    static final List<String> DEFAULT_COLUMNS = List.of("status", "subject", "requester", "assignee", "created");

    /** What a view may be grouped by. */
    static final List<String> GROUP_BY = List.of("status", "priority", "type", "group", "assignee", "requester");

    /** What tickets may be ordered by, in each spelling Zendesk uses, and the key each means. */
    private static final Map<String, String> SORTS = Map.of(
            "id", "id",
            "nice_id", "id",
            "created_at", "created_at",
            "created", "created_at",
            "updated_at", "updated_at",
            "updated", "updated_at",
            "status", "status",
            "priority", "priority");

    private static final String SORT_CHOICES = "id, created_at, updated_at, status or priority";

    private ViewLanguage() {}

    /** How a view is shown, as kept and as {@code output} writes it; every member checked. */
    record Execution(List<String> columns, String groupBy, String groupOrder, String sortBy, String sortOrder) {

        static final Execution DEFAULT = new Execution(DEFAULT_COLUMNS, null, "asc", "created_at", "asc");

        /** The tickets' order: by id for creation. */
        TicketQuery.Order order() {
            return new TicketQuery.Order(sortBy.equals("created_at") ? "id" : sortBy, sortOrder.equals("desc"));
        }
    }

    /** {@code output} as a request writes it (every member optional: those left out stay as they were). */
    record Output(List<String> columns, String groupBy, String groupOrder, String sortBy, String sortOrder) {}

    /** {@code written} over {@code current}: a 422 naming {@code output.<member>} for what is wrong. */
    static Execution execution(Output written, Execution current) {
        if (written == null) {
            return current;
        }
        List<String> columns = current.columns();
        if (written.columns() != null) {
            if (written.columns().isEmpty() || written.columns().size() > MAX_COLUMNS) {
                throw RecordInvalid.field("output.columns", "must name 1 to " + MAX_COLUMNS + " columns");
            }
            columns = new ArrayList<>();
            for (int i = 0; i < written.columns().size(); i++) {
                String column = written.columns().get(i);
                if (column == null || !COLUMNS.containsKey(column)) {
                    throw RecordInvalid.field(
                            "output.columns[" + i + "]", "must be one of " + String.join(", ", COLUMNS.keySet()));
                }
                if (columns.contains(column)) {
                    throw RecordInvalid.field("output.columns[" + i + "]", "names " + column + " twice");
                }
                columns.add(column);
            }
        }
        String groupBy = current.groupBy();
        if (written.groupBy() != null) {
            if (!written.groupBy().isEmpty() && !GROUP_BY.contains(written.groupBy())) {
                throw RecordInvalid.field("output.group_by", "must be one of " + String.join(", ", GROUP_BY));
            }
            groupBy = written.groupBy().isEmpty() ? null : written.groupBy();
        }
        String sortBy = current.sortBy();
        if (written.sortBy() != null) {
            sortBy = SORTS.get(written.sortBy());
            if (sortBy == null) {
                throw RecordInvalid.field("output.sort_by", "must be one of " + SORT_CHOICES);
            }
        }
        return new Execution(
                List.copyOf(columns),
                groupBy,
                direction(written.groupOrder(), current.groupOrder(), "output.group_order", true),
                sortBy,
                direction(written.sortOrder(), current.sortOrder(), "output.sort_order", true));
    }

    /**
     * The order a tickets request asks ({@code sort_by}, {@code sort_order}), over the view's: a 400 naming the
     * parameter for what is wrong.
     */
    static TicketQuery.Order order(String sortBy, String sortOrder, Execution execution) {
        String key = execution.sortBy();
        if (sortBy != null) {
            key = SORTS.get(sortBy);
            if (key == null) {
                throw new InvalidParameter("sort_by", "must be one of " + SORT_CHOICES);
            }
        }
        String direction = direction(sortOrder, execution.sortOrder(), "sort_order", false);
        return new Execution(List.of(), null, "asc", key, direction).order();
    }

    private static String direction(String written, String current, String member, boolean body) {
        if (written == null) {
            return current;
        }
        String direction = written.toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            if (body) {
                throw RecordInvalid.field(member, "must be asc or desc");
            }
            throw new InvalidParameter(member, "must be asc or desc");
        }
        return direction;
    }

    private static Map<String, String> columns(String... idsAndTitles) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < idsAndTitles.length; i += 2) {
            columns.put(idsAndTitles[i], idsAndTitles[i + 1]);
        }
        return columns;
    }
}

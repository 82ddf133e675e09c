package io.sidedesk.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the caller wants a list paged, as Zendesk clients ask: offset ({@code page}, {@code per_page})
 * by default, cursor when {@code page[size]} is sent ({@code page[after]} / {@code page[before]}).
 * Cursors are keyset positions on the unique id, never an OFFSET. Lists are ordered by id ascending,
 * which for append-only rows is also creation order, or newest first where a list says so ({@link
 * #fetchNewestFirst}). Controllers declare a {@code Paging} parameter.
 *
 * <p>Offset paging serves the first {@value #MAX_OFFSET_ROWS} rows, as Zendesk's does (100 pages of 100): a page
 * that reaches beyond is a 400 naming {@code page}, and cursor paging reaches every row.
 */
public final class Paging {

    public static final int MAX_SIZE = 100;

    static final int MAX_OFFSET_ROWS = 10_000;

    private static final String ID = "id";

    private final boolean cursor;
    private final int size;
    private final int page;
    /** The cursors as decoded: an id, or a keyset position ({@link Keyset}). */
    private final String after;

    private final String before;
    private final int offsetRows;

    private Paging(boolean cursor, int size, int page, String after, String before, int offsetRows) {
        this.cursor = cursor;
        this.size = size;
        this.page = page;
        this.after = after;
        this.before = before;
        this.offsetRows = offsetRows;
    }

    public static Paging offset(int page, int perPage) {
        return new Paging(false, perPage, page, null, null, MAX_OFFSET_ROWS);
    }

    static Paging from(HttpServletRequest request) {
        String cursorSize = request.getParameter("page[size]");
        if (cursorSize != null) {
            String after = cursorParameter(request, "page[after]");
            String before = cursorParameter(request, "page[before]");
            if (after != null && before != null) {
                throw new InvalidParameter("page[before]", "cannot be combined with page[after]");
            }
            return new Paging(
                    true, number(cursorSize, "page[size]", 1, MAX_SIZE, ""), 1, after, before, MAX_OFFSET_ROWS);
        }
        String page = request.getParameter("page");
        String perPage = request.getParameter("per_page");
        int size = perPage == null ? MAX_SIZE : number(perPage, "per_page", 1, MAX_SIZE, "");
        int lastPage = MAX_OFFSET_ROWS / size;
        return offset(
                page == null
                        ? 1
                        : number(
                                page,
                                "page",
                                1,
                                lastPage,
                                " with per_page " + size
                                        + ": offset paging serves the first " + MAX_OFFSET_ROWS
                                        + " rows; page[size] (cursor paging) reaches "
                                        + "every row"),
                size);
    }

    public boolean isCursor() {
        return cursor;
    }

    /**
     * The same paging over the first {@code rows} rows only (search's 1,000): a page beyond is a 400 naming
     * {@code page}, saying {@code why}, and the last page within links to no next one.
     */
    public Paging within(int rows, String why) {
        if (!cursor && (long) page * size > rows) {
            throw new InvalidParameter(
                    "page", "reaches beyond the first " + rows + " results with per_page " + size + ": " + why);
        }
        return new Paging(cursor, size, page, after, before, rows);
    }

    /** Loads one page of the rows matching {@code filter} (which carries the caller's visibility), by id. */
    public <T> ListPage<T> fetch(
            JpaSpecificationExecutor<T> repository, Specification<T> filter, ToLongFunction<T> id) {
        return fetch(repository, filter, ID, id);
    }

    /** The same, ordered by another unique, ascending {@code long} attribute (the keyset of the cursors). */
    public <T> ListPage<T> fetch(
            JpaSpecificationExecutor<T> repository, Specification<T> filter, String key, ToLongFunction<T> id) {
        return fetch(repository, filter, key, id, false);
    }

    /**
     * The same, newest first: by id descending, so that {@code page[after]} goes on to older rows and
     * {@code page[before]} back to newer ones.
     */
    public <T> ListPage<T> fetchNewestFirst(
            JpaSpecificationExecutor<T> repository, Specification<T> filter, ToLongFunction<T> id) {
        return fetch(repository, filter, ID, id, true);
    }

    private <T> ListPage<T> fetch(
            JpaSpecificationExecutor<T> repository,
            Specification<T> filter,
            String key,
            ToLongFunction<T> id,
            boolean descending) {
        Sort.Direction listed = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
        if (!cursor) {
            Page<T> result = repository.findAll(filter, PageRequest.of(page - 1, size, Sort.by(listed, key)));
            boolean hasNext = (long) page * size < Math.min(result.getTotalElements(), offsetRows);
            return ListPage.offset(result.getContent(), page, hasNext, result.getTotalElements());
        }
        Specification<T> filtered = filter;
        return cursorPage(
                (position, downward) -> {
                    Long at = position == null ? null : id(position);
                    Specification<T> from = at == null
                            ? filtered
                            : filtered.and((root, query, cb) ->
                                    downward ? cb.lessThan(root.get(key), at) : cb.greaterThan(root.get(key), at));
                    Sort order = Sort.by(downward ? Sort.Direction.DESC : Sort.Direction.ASC, key);
                    return repository.findBy(
                            from, q -> q.sortBy(order).limit(size + 1).all());
                },
                row -> Long.toString(id.applyAsLong(row)),
                descending);
    }

    /**
     * One page of the rows of {@code table} (alias {@code e}) that an SQL condition keeps ({@code where}, with its
     * positional parameters), read by plain SQL as {@code columns} and mapped by {@code rows}, ordered by a unique,
     * ascending {@code long} column {@code key}: the same pages, counts and cursors as {@link
     * #fetch(JpaSpecificationExecutor, Specification, String, ToLongFunction)}, without the ORM. For the lists every
     * page view reads (a ticket's side conversations). {@code columns}, {@code table}, {@code where} and {@code key}
     * are SQL written into the statement: constants of the caller's, never anything a request sent (that goes in
     * {@code parameters}).
     */
    public <T> ListPage<T> fetch(
            JdbcClient jdbc,
            String columns,
            String table,
            String where,
            List<?> parameters,
            String key,
            RowMapper<T> rows,
            ToLongFunction<T> id) {
        String from = " from " + table + " e where " + where;
        if (!cursor) {
            int first = (page - 1) * size;
            List<T> found = jdbc.sql("select " + columns + from + " order by e." + key + " limit ? offset ?")
                    .params(parameters)
                    .param(size)
                    .param(first)
                    .query(rows)
                    .list();
            // Counted only when the page does not tell (as Spring Data's pages): a first page that is not full holds
            // them all, a later one that is not full ends them.
            long total = found.size() < size && (first == 0 || !found.isEmpty())
                    ? first + found.size()
                    : jdbc.sql("select count(*)" + from)
                            .params(parameters)
                            .query(Long.class)
                            .single();
            boolean hasNext = (long) page * size < Math.min(total, offsetRows);
            return ListPage.offset(found, page, hasNext, total);
        }
        return cursorPage(
                (position, downward) -> {
                    Long at = position == null ? null : id(position);
                    JdbcClient.StatementSpec statement = jdbc.sql("select " + columns + from
                                    + (at == null ? "" : " and e." + key + (downward ? " < ?" : " > ?"))
                                    + " order by e." + key + (downward ? " desc" : "") + " limit ?")
                            .params(parameters);
                    if (at != null) {
                        statement = statement.param(at);
                    }
                    return statement.param(size + 1).query(rows).list();
                },
                row -> Long.toString(id.applyAsLong(row)),
                false);
    }

    /**
     * A keyset the rows are ordered by when it is not one unique column: the rows from a position on, in that order
     * or against it ({@code downward}: descending), the order set on the query itself; and the position of a row.
     */
    public interface Keyset<T> {

        /** The rows after {@code position} (null: from the start), ordered downward or up; a bad position: null. */
        Specification<T> from(String position, boolean downward);

        String positionOf(T row);

        /** Whether the list runs downward (descending) when read forward. */
        boolean descending();
    }

    /** One page of the rows {@code filter} keeps, in the keyset's order: by offset, or by cursor over every row. */
    public <T> ListPage<T> fetchByKeyset(
            JpaSpecificationExecutor<T> repository, Specification<T> filter, Keyset<T> keyset) {
        if (!cursor) {
            Page<T> result = repository.findAll(
                    filter.and(keyset.from(null, keyset.descending())), PageRequest.of(page - 1, size));
            boolean hasNext = (long) page * size < Math.min(result.getTotalElements(), offsetRows);
            return ListPage.offset(result.getContent(), page, hasNext, result.getTotalElements());
        }
        return cursorPage(
                (position, downward) -> {
                    Specification<T> from = keyset.from(position, downward);
                    if (from == null) {
                        throw new InvalidParameter(
                                before != null ? "page[before]" : "page[after]", "is not a cursor this service issued");
                    }
                    return repository.findBy(
                            filter.and(from), q -> q.limit(size + 1).all());
                },
                keyset::positionOf,
                keyset.descending());
    }

    /**
     * The same for a list that pages by cursor only (JSON:API lists): without {@code page[size]}, its first page of
     * {@code per_page} (100 by default) rows; a {@code page} beyond the first is a 400.
     */
    public Paging cursorOnly() {
        if (cursor) {
            return this;
        }
        if (page != 1) {
            throw new InvalidParameter("page", "this list pages by cursor only: use page[size] and page[after]");
        }
        return new Paging(true, size, 1, null, null, MAX_OFFSET_ROWS);
    }

    /** Reads rows by id from a position (null: from the start), up (ascending) or down, at most {@code limit}. */
    public interface IdReader<T> {
        List<T> read(Long position, boolean downward, int limit);
    }

    /** One cursor page of rows read by plain SQL ({@link #cursorOnly}), ascending by id. */
    public <T> ListPage<T> fetchById(IdReader<T> reader, ToLongFunction<T> id) {
        if (!cursor) {
            throw new IllegalStateException("fetchById pages by cursor: call cursorOnly() first");
        }
        return cursorPage(
                (position, downward) -> reader.read(position == null ? null : id(position), downward, size + 1),
                row -> Long.toString(id.applyAsLong(row)),
                false);
    }

    /** Reads rows keyed by a unique text (a ULID) from a position (null: from the start), up or down, at most {@code limit}. */
    public interface PositionReader<T> {
        List<T> read(String position, boolean downward, int limit);
    }

    /**
     * One cursor page ({@link #cursorOnly}) of rows read by plain SQL and keyed by a unique text ({@code position} of a
     * row, a ULID), ascending or newest first ({@code descending}).
     */
    public <T> ListPage<T> fetchByPosition(PositionReader<T> reader, Function<T, String> position, boolean descending) {
        if (!cursor) {
            throw new IllegalStateException("fetchByPosition pages by cursor: call cursorOnly() first");
        }
        return cursorPage((at, downward) -> reader.read(at, downward, size + 1), position, descending);
    }

    /** Reads the rows of one cursor page: from the position, in the direction given, one more than the page. */
    private interface Reader<T> {
        List<T> read(String position, boolean downward);
    }

    private <T> ListPage<T> cursorPage(Reader<T> reader, Function<T, String> position, boolean descending) {
        boolean backward = before != null;
        // A page before the cursor is read in the opposite order from the cursor outwards, then turned round.
        boolean downward = descending != backward;
        List<T> rows = new ArrayList<>(reader.read(backward ? before : after, downward));
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (backward) {
            Collections.reverse(rows);
        }
        boolean hasNext = backward || more;
        boolean hasPrevious = backward ? more : after != null;
        String first = rows.isEmpty() ? null : encode(position.apply(rows.get(0)));
        String last = rows.isEmpty() ? null : encode(position.apply(rows.get(rows.size() - 1)));
        return ListPage.cursor(rows, more, hasNext, hasPrevious, first, last);
    }

    private Long id(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new InvalidParameter(
                    before != null ? "page[before]" : "page[after]", "is not a cursor this service issued");
        }
    }

    static String encode(long id) {
        return encode(Long.toString(id));
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String cursorParameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            // An id (a number, or a ULID), or a keyset position: a key (a moment, a rank) and the id after a ~.
            if (!position.matches("[0-9]{1,19}|[0-9A-Z]{26}|[0-9A-Za-z:.+-]{1,40}~[0-9]{1,19}")) {
                throw new IllegalArgumentException("not a position");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(name, "is not a cursor this service issued");
        }
    }

    private static int number(String value, String name, int min, int max, String why) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // fall through to the same message
        }
        throw new InvalidParameter(name, "must be a whole number from " + min + " to " + max + why);
    }
}

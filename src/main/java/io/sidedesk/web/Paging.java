package io.sidedesk.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

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
    private final Long after;
    private final Long before;

    private Paging(boolean cursor, int size, int page, Long after, Long before) {
        this.cursor = cursor;
        this.size = size;
        this.page = page;
        this.after = after;
        this.before = before;
    }

    public static Paging offset(int page, int perPage) {
        return new Paging(false, perPage, page, null, null);
    }

    static Paging from(HttpServletRequest request) {
        String cursorSize = request.getParameter("page[size]");
        if (cursorSize != null) {
            Long after = cursorParameter(request, "page[after]");
            Long before = cursorParameter(request, "page[before]");
            if (after != null && before != null) {
                throw new InvalidParameter("page[before]", "cannot be combined with page[after]");
            }
            return new Paging(true, number(cursorSize, "page[size]", 1, MAX_SIZE, ""), 1, after, before);
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

    /** A 400 naming {@code page} when an offset page reaches beyond the first {@code rows} rows (search's 1,000). */
    public void requireWithin(int rows, String why) {
        if (!cursor && (long) page * size > rows) {
            throw new InvalidParameter(
                    "page", "reaches beyond the first " + rows + " results with per_page " + size + ": " + why);
        }
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

    /**
     * One page of the rows {@code ordered} keeps, in the order its query sets (which must end in a unique key): by
     * page and per_page only, since such an order is no keyset; a cursor is a 400 naming {@code parameter}, saying
     * {@code why}.
     */
    public <T> ListPage<T> fetchInQueryOrder(
            JpaSpecificationExecutor<T> repository, Specification<T> ordered, String parameter, String why) {
        if (cursor) {
            throw new InvalidParameter(parameter, why);
        }
        Page<T> result = repository.findAll(ordered, PageRequest.of(page - 1, size));
        boolean hasNext = (long) page * size < result.getTotalElements();
        return ListPage.offset(result.getContent(), page, hasNext, result.getTotalElements());
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
            boolean hasNext = (long) page * size < result.getTotalElements();
            return ListPage.offset(result.getContent(), page, hasNext, result.getTotalElements());
        }
        boolean backward = before != null;
        // A page before the cursor is read in the opposite order from the cursor outwards, then turned round.
        boolean downward = descending != backward;
        Long position = backward ? before : after;
        Specification<T> keyset = position == null
                ? filter
                : filter.and((root, query, cb) ->
                        downward ? cb.lessThan(root.get(key), position) : cb.greaterThan(root.get(key), position));
        Sort order = Sort.by(downward ? Sort.Direction.DESC : Sort.Direction.ASC, key);
        List<T> rows = new ArrayList<>(
                repository.findBy(keyset, q -> q.sortBy(order).limit(size + 1).all()));
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (backward) {
            Collections.reverse(rows);
        }
        boolean hasNext = backward || more;
        boolean hasPrevious = backward ? more : after != null;
        String first = rows.isEmpty() ? null : encode(id.applyAsLong(rows.get(0)));
        String last = rows.isEmpty() ? null : encode(id.applyAsLong(rows.get(rows.size() - 1)));
        return ListPage.cursor(rows, more, hasNext, hasPrevious, first, last);
    }

    static String encode(long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.UTF_8));
    }

    private static Long cursorParameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
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

package io.sidedesk.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * One page of a list, written in the dialect's shape: {@code {"users": [...], "next_page",
 * "previous_page", "count"}} for offset paging, {@code {"users": [...], "meta": {...}, "links": {...}}}
 * for cursor paging. Page links are absolute URLs of the current request (honouring X-Forwarded-*),
 * and are null on the last (or first) page, so that clients looping on them stop.
 */
public final class ListPage<T> {

    private static final Set<String> POSITION = Set.of("page", "page[after]", "page[before]");

    private final List<T> items;
    private final boolean cursor;
    private final int page;
    private final boolean hasMore;
    private final boolean hasNext;
    private final boolean hasPrevious;
    private final long count;
    private final String beforeCursor;
    private final String afterCursor;

    private ListPage(
            List<T> items,
            boolean cursor,
            int page,
            boolean hasMore,
            boolean hasNext,
            boolean hasPrevious,
            long count,
            String beforeCursor,
            String afterCursor) {
        this.items = List.copyOf(items);
        this.cursor = cursor;
        this.page = page;
        this.hasMore = hasMore;
        this.hasNext = hasNext;
        this.hasPrevious = hasPrevious;
        this.count = count;
        this.beforeCursor = beforeCursor;
        this.afterCursor = afterCursor;
    }

    /** A list that is whole in one page (a few items, all of those a write touched). */
    public static <T> ListPage<T> all(List<T> items) {
        return offset(items, 1, false, items.size());
    }

    static <T> ListPage<T> offset(List<T> items, int page, boolean hasNext, long count) {
        return new ListPage<>(items, false, page, hasNext, hasNext, page > 1, count, null, null);
    }

    static <T> ListPage<T> cursor(
            List<T> items,
            boolean hasMore,
            boolean hasNext,
            boolean hasPrevious,
            String beforeCursor,
            String afterCursor) {
        return new ListPage<>(
                items,
                true,
                1,
                hasMore,
                hasNext && afterCursor != null,
                hasPrevious && beforeCursor != null,
                items.size(),
                beforeCursor,
                afterCursor);
    }

    public List<T> items() {
        return items;
    }

    /** Maps the whole page at once (to load what all items need in one go). */
    public <R> ListPage<R> mapAll(Function<List<T>, List<R>> mapper) {
        return new ListPage<>(
                mapper.apply(items), cursor, page, hasMore, hasNext, hasPrevious, count, beforeCursor, afterCursor);
    }

    public <R> ListPage<R> map(Function<? super T, R> mapper) {
        return new ListPage<>(
                items.stream().<R>map(mapper).toList(),
                cursor,
                page,
                hasMore,
                hasNext,
                hasPrevious,
                count,
                beforeCursor,
                afterCursor);
    }

    /** The response body, with the items under {@code key} ({@code "users"}, {@code "tickets"}, ...). */
    public Body body(String key) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put(key, items);
        if (cursor) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("has_more", hasMore);
            meta.put("after_cursor", afterCursor);
            meta.put("before_cursor", beforeCursor);
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("prev", hasPrevious ? link("page[before]", beforeCursor) : null);
            links.put("next", hasNext ? link("page[after]", afterCursor) : null);
            members.put("meta", meta);
            members.put("links", links);
        } else {
            members.put("next_page", hasNext ? link("page", page + 1) : null);
            members.put("previous_page", hasPrevious ? link("page", page - 1) : null);
            members.put("count", count);
        }
        return new Body(members);
    }

    /**
     * The current request's URL with its (decoded) query parameters re-encoded, the paging position
     * replaced, and brackets left literal as Zendesk writes them ({@code page[after]=...}).
     */
    private static String link(String parameter, Object value) {
        HttpServletRequest request =
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        StringBuilder query = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            if (!POSITION.contains(name)) {
                for (String given : values) {
                    append(query, name, given);
                }
            }
        });
        append(query, parameter, String.valueOf(value));
        return ServletUriComponentsBuilder.fromCurrentRequestUri()
                        .replaceQuery(null)
                        .build()
                        .toUriString() + "?" + query;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(value));
    }

    private static String encode(String text) {
        return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8)
                .replace("%5B", "[")
                .replace("%5D", "]");
    }

    /** A list response body; its members are written as they are named. */
    public static final class Body {

        private final Map<String, Object> members;

        Body(Map<String, Object> members) {
            this.members = members;
        }

        @JsonAnyGetter
        public Map<String, Object> members() {
            return members;
        }
    }
}

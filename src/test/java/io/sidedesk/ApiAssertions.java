package io.sidedesk;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the dialect's error bodies, and list walkers that follow page links the way clients do. */
public final class ApiAssertions {

    private static final int MAX_PAGES = 500;

    private ApiAssertions() {}

    /** 403 problem+json with Zendesk's {@code "error": {"title": "Forbidden", "message": ...}}. */
    public static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/error/title").asString()).isEqualTo("Forbidden");
        assertThat(response.json().at("/error/message").asString()).isNotBlank();
    }

    /** 422 problem+json {@code RecordInvalid} whose details name (at least) each of the given fields. */
    public static void assertInvalid(Api.Response response, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("RecordInvalid");
        for (String field : fields) {
            JsonNode details = response.json().get("details");
            assertThat(details.has(field))
                    .as("details name %s: %s", field, response)
                    .isTrue();
            assertThat(details.get(field).get(0).get("description").asString()).isNotBlank();
        }
    }

    /** 404 problem+json {@code RecordNotFound}. */
    public static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("RecordNotFound");
    }

    /** The ids of the objects in a JSON array. */
    public static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /**
     * Every item of an offset-paged list, following {@code next_page} to the end. Checks along the way that
     * each page is 200, holds at most {@code perPage} items, and that the total equals {@code count}.
     */
    public static List<JsonNode> allOffsetPages(Api api, String path, String key, int perPage) {
        String separator = path.contains("?") ? "&" : "?";
        Api.Response page = api.get(path + separator + "per_page=" + perPage);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().get("previous_page").isNull()).isTrue();
        long count = page.json().get("count").asLong();
        List<JsonNode> items = new ArrayList<>();
        for (int pages = 1; ; pages++) {
            assertThat(pages).as("pages followed").isLessThan(MAX_PAGES);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get(key).size()).isLessThanOrEqualTo(perPage);
            page.json().get(key).forEach(items::add);
            JsonNode next = page.json().get("next_page");
            if (next.isNull()) {
                break;
            }
            assertThat(page.json().get(key).size())
                    .as("a page before the last is full")
                    .isEqualTo(perPage);
            page = api.get(next.asString());
        }
        assertThat(items).as("count").hasSize((int) count);
        return items;
    }

    /**
     * Every item of a cursor-paged list, following {@code links.next} to the end. Checks that each page is
     * 200, holds at most {@code size} items, and that {@code meta.has_more} is true exactly when there is a next link.
     */
    public static List<JsonNode> allCursorPages(Api api, String path, String key, int size) {
        String separator = path.contains("?") ? "&" : "?";
        Api.Response page = api.get(path + separator + "page[size]=" + size);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().at("/links/prev").isNull()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        for (int pages = 1; ; pages++) {
            assertThat(pages).as("pages followed").isLessThan(MAX_PAGES);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().has("count")).isFalse();
            assertThat(page.json().get(key).size()).isLessThanOrEqualTo(size);
            page.json().get(key).forEach(items::add);
            JsonNode next = page.json().at("/links/next");
            assertThat(page.json().at("/meta/has_more").asBoolean()).isEqualTo(!next.isNull());
            if (next.isNull()) {
                break;
            }
            page = api.get(next.asString());
        }
        return items;
    }

    /** Every item of a list, in one walk of large cursor pages. */
    public static List<JsonNode> all(Api api, String path, String key) {
        return allCursorPages(api, path, key, 100);
    }

    /** The ids of every item of a list. */
    public static List<Long> allIds(Api api, String path, String key) {
        List<Long> ids = new ArrayList<>();
        all(api, path, key).forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}

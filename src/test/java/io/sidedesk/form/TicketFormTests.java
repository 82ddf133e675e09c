package io.sidedesk.form;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allIds;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/v2/ticket_forms: agents read, admins create and change; field ids must exist; at most one form is
 * the default and it stays active. The default form is shared by every test, so tests that make a form
 * the default put the previous state back before they end.
 */
class TicketFormTests extends ApiTestSupport {

    private static final String PATH = "/api/v2/ticket_forms";

    // ---- create and show ----------------------------------------------------------------------------------

    @Test
    void adminCreatesAFormWithFieldsInOrder() {
        long second = field("text");
        long first = field("checkbox");
        String name = unique("Support form");

        Api.Response created =
                admin().post(PATH, body(Map.of("name", name, "ticket_field_ids", List.of(first, second))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode form = created.json().get("ticket_form");
        long id = form.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(form.get("name").asString()).isEqualTo(name);
        assertThat(longs(form.get("ticket_field_ids"))).containsExactly(first, second);
        assertThat(form.get("default").asBoolean()).isFalse();
        assertThat(form.get("default").isBoolean()).isTrue();
        assertThat(form.get("active").asBoolean()).isTrue();
        assertThat(form.get("url").asString()).endsWith(PATH + "/" + id + ".json");
        assertThat(form.get("created_at").asString()).isNotBlank();
        assertThat(show(id)).isEqualTo(form);
        assertThat(allIds(admin(), PATH, "ticket_forms")).contains(id);
    }

    @Test
    void formWithoutFieldsHasAnEmptyList() {
        JsonNode form = create(Map.of("name", unique("Bare")));

        assertThat(form.get("ticket_field_ids").isArray()).isTrue();
        assertThat(form.get("ticket_field_ids")).isEmpty();
    }

    @Test
    void nameIsRequiredAndBounded() {
        long field = field("text");

        assertInvalid(admin().post(PATH, body(Map.of("ticket_field_ids", List.of(field)))), "name");
        assertInvalid(admin().post(PATH, body(Map.of("name", "  ", "ticket_field_ids", List.of(field)))), "name");
        assertInvalid(admin().post(PATH, body(Map.of("name", "", "ticket_field_ids", List.of(field)))), "name");
        assertInvalid(
                admin().post(PATH, body(Map.of("name", "n".repeat(256), "ticket_field_ids", List.of(field)))), "name");

        assertThat(all(admin(), PATH, "ticket_forms"))
                .noneMatch(f -> longs(f.get("ticket_field_ids")).contains(field));
    }

    @Test
    void unknownFieldIdsAreInvalid() {
        long known = field("text");
        String name = unique("Ghostly");

        assertInvalid(
                admin().post(PATH, body(Map.of("name", name, "ticket_field_ids", List.of(known, 987654321L)))),
                "ticket_field_ids");
        assertInvalid(
                admin().post(PATH, body(Map.of("name", name, "ticket_field_ids", List.of(known, known)))),
                "ticket_field_ids");

        assertThat(names()).doesNotContain(name);
    }

    @Test
    void updateChangesOnlyWhatIsSent() throws InterruptedException {
        long a = field("text");
        long b = field("integer");
        JsonNode before = create(Map.of("name", unique("Before"), "ticket_field_ids", List.of(a)));
        long id = before.get("id").asLong();
        String name = unique("After");
        Thread.sleep(5);

        JsonNode renamed = update(id, Map.of("name", name));

        assertThat(renamed.get("name").asString()).isEqualTo(name);
        assertThat(longs(renamed.get("ticket_field_ids"))).containsExactly(a);
        assertThat(renamed.get("active").asBoolean()).isTrue();
        assertThat(renamed.get("default").asBoolean()).isFalse();
        assertThat(renamed.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(renamed.get("updated_at").asString())
                .isGreaterThan(before.get("updated_at").asString());
        assertThat(show(id)).isEqualTo(renamed);

        JsonNode refielded = update(id, Map.of("ticket_field_ids", List.of(b, a)));
        assertThat(longs(refielded.get("ticket_field_ids"))).containsExactly(b, a);
        assertThat(refielded.get("name").asString()).isEqualTo(name);

        JsonNode emptied = update(id, Map.of("ticket_field_ids", List.of()));
        assertThat(emptied.get("ticket_field_ids")).isEmpty();
        assertThat(show(id).get("ticket_field_ids")).isEmpty();
    }

    @Test
    void updateValidatesNameAndFieldIds() {
        long a = field("date");
        long id = create(Map.of("name", unique("Steady"), "ticket_field_ids", List.of(a)))
                .get("id")
                .asLong();
        JsonNode before = show(id);

        assertInvalid(admin().put(PATH + "/" + id, body(Map.of("name", " "))), "name");
        assertInvalid(
                admin().put(PATH + "/" + id, body(Map.of("ticket_field_ids", List.of(a, 987654321L)))),
                "ticket_field_ids");
        assertInvalid(
                admin().put(
                                PATH + "/" + id,
                                body(Map.of("name", unique("renamed"), "ticket_field_ids", List.of(987654321L)))),
                "ticket_field_ids");

        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void unknownFormIs404() {
        assertNotFound(admin().get(PATH + "/987654321"));
        assertNotFound(as(agent()).get(PATH + "/987654321"));
        assertNotFound(admin().put(PATH + "/987654321", body(Map.of("name", unique("ghost")))));
    }

    // ---- active and default -------------------------------------------------------------------------------

    @Test
    void nonDefaultFormIsRetiredWithActiveFalse() {
        long id = create(Map.of("name", unique("Retired"), "ticket_field_ids", List.of(field("text"))))
                .get("id")
                .asLong();

        JsonNode retired = update(id, Map.of("active", false));

        assertThat(retired.get("active").asBoolean()).isFalse();
        assertThat(show(id).get("active").asBoolean()).isFalse();
        assertThat(allIds(admin(), PATH, "ticket_forms")).contains(id);
        Api.Response deleted = admin().delete(PATH + "/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(405);
        assertThat(show(id).get("active").asBoolean()).isFalse();

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        Map.of(
                                                "subject",
                                                unique("on retired"),
                                                "comment",
                                                Map.of("body", "Hi"),
                                                "ticket_form_id",
                                                id))),
                "ticket_form_id");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        Map.of(
                                                "subject",
                                                unique("on no form"),
                                                "comment",
                                                Map.of("body", "Hi"),
                                                "ticket_form_id",
                                                987654321L))),
                "ticket_form_id");

        assertThat(update(id, Map.of("active", true)).get("active").asBoolean()).isTrue();
    }

    @Test
    void makingAFormDefaultUndefaultsTheOther() {
        Long previous = currentDefault();
        List<Long> mine = new ArrayList<>();
        try {
            long first = create(Map.of("name", unique("First default"), "default", true))
                    .get("id")
                    .asLong();
            mine.add(first);
            assertThat(show(first).get("default").asBoolean()).isTrue();
            assertThat(currentDefault()).isEqualTo(first);
            if (previous != null) {
                assertThat(show(previous).get("default").asBoolean()).isFalse();
            }

            long second =
                    create(Map.of("name", unique("Second default"))).get("id").asLong();
            mine.add(second);
            JsonNode made = update(second, Map.of("default", true));

            assertThat(made.get("default").asBoolean()).isTrue();
            assertThat(show(second).get("default").asBoolean()).isTrue();
            assertThat(show(first).get("default").asBoolean()).isFalse();
            assertThat(show(first).get("active").asBoolean()).isTrue();
            assertThat(all(admin(), PATH, "ticket_forms").stream()
                            .filter(f -> f.get("default").asBoolean()))
                    .singleElement()
                    .satisfies(f -> assertThat(f.get("id").asLong()).isEqualTo(second));

            JsonNode undefaulted = update(second, Map.of("default", false));
            assertThat(undefaulted.get("default").asBoolean()).isFalse();
            assertThat(all(admin(), PATH, "ticket_forms"))
                    .noneMatch(f -> f.get("default").asBoolean());
        } finally {
            restoreDefault(previous, mine);
        }
    }

    @Test
    void defaultFormCannotBeDeactivated() {
        Long previous = currentDefault();
        List<Long> mine = new ArrayList<>();
        try {
            String neverCreated = unique("Inactive default");
            assertInvalid(
                    admin().post(PATH, body(Map.of("name", neverCreated, "default", true, "active", false))), "active");
            assertThat(names()).doesNotContain(neverCreated);

            long id = create(Map.of("name", unique("Steady default"), "default", true))
                    .get("id")
                    .asLong();
            mine.add(id);
            JsonNode before = show(id);

            assertInvalid(admin().put(PATH + "/" + id, body(Map.of("active", false))), "active");
            assertInvalid(admin().put(PATH + "/" + id, body(Map.of("active", false, "name", unique("x")))), "active");

            assertThat(show(id)).isEqualTo(before);
            assertThat(before.get("active").asBoolean()).isTrue();
            assertThat(before.get("default").asBoolean()).isTrue();

            long inactive = create(Map.of("name", unique("Off"))).get("id").asLong();
            mine.add(inactive);
            update(inactive, Map.of("active", false));
            assertInvalid(admin().put(PATH + "/" + inactive, body(Map.of("default", true, "active", false))), "active");
            assertThat(show(inactive).get("default").asBoolean()).isFalse();
            assertThat(show(id).get("default").asBoolean()).isTrue();
        } finally {
            restoreDefault(previous, mine);
        }
    }

    @Test
    void inactiveFormCannotBecomeTheDefault() {
        Long previous = currentDefault();
        List<Long> mine = new ArrayList<>();
        try {
            long id = create(Map.of("name", unique("Dormant"))).get("id").asLong();
            mine.add(id);
            update(id, Map.of("active", false));
            JsonNode before = show(id);

            Api.Response made = admin().put(PATH + "/" + id, body(Map.of("default", true)));

            assertThat(made.status())
                    .as("an inactive form made the default: %s", made)
                    .isEqualTo(422);
            assertThat(show(id)).isEqualTo(before);
            assertThat(currentDefault()).isEqualTo(previous);
        } finally {
            restoreDefault(previous, mine);
        }
    }

    // ---- who may do what ----------------------------------------------------------------------------------

    @Test
    void agentsReadFormsEndUsersDoNot() {
        long id = create(Map.of("name", unique("Readable"), "ticket_field_ids", List.of(field("text"))))
                .get("id")
                .asLong();

        for (TestUser staff : List.of(agent(), lightAgent())) {
            Api.Response shown = as(staff).get(PATH + "/" + id);
            assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
            assertThat(shown.json().get("ticket_form")).isEqualTo(show(id));
            assertThat(allIds(as(staff), PATH, "ticket_forms")).contains(id);
        }

        TestUser endUser = endUser();
        assertForbidden(as(endUser).get(PATH));
        assertForbidden(as(endUser).get(PATH + "/" + id));
    }

    @Test
    void onlyAdminsCreateAndChangeForms() {
        long id = create(Map.of("name", unique("Guarded form"))).get("id").asLong();
        JsonNode before = show(id);

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            String name = unique("sneaky");
            assertForbidden(as(caller).post(PATH, body(Map.of("name", name))));
            assertForbidden(as(caller).put(PATH + "/" + id, body(Map.of("name", name, "active", false))));
            assertThat(names()).doesNotContain(name);
        }
        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void listPagesBothWays() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(Map.of("name", unique("paged form"))).get("id").asLong());
        }

        List<JsonNode> cursor = allCursorPages(admin(), PATH, "ticket_forms", 2);
        List<JsonNode> offset = allOffsetPages(admin(), PATH, "ticket_forms", 2);

        assertThat(ids(cursor)).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(ids(offset)).isEqualTo(ids(cursor));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static Map<String, Object> body(Map<String, Object> form) {
        return Map.of("ticket_form", form);
    }

    private long field(String type) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("type", type);
        field.put("title", unique("Form field " + type));
        Api.Response response = admin().post("/api/v2/ticket_fields", Map.of("ticket_field", field));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket_field/id").asLong();
    }

    private JsonNode create(Map<String, Object> form) {
        Api.Response response = admin().post(PATH, body(form));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("ticket_form");
    }

    private JsonNode update(long id, Map<String, Object> form) {
        Api.Response response = admin().put(PATH + "/" + id, body(form));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket_form");
    }

    private JsonNode show(long id) {
        Api.Response response = admin().get(PATH + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket_form");
    }

    private List<String> names() {
        return all(admin(), PATH, "ticket_forms").stream()
                .map(f -> f.get("name").asString())
                .toList();
    }

    /** The id of the form that is the default now, or null. */
    private Long currentDefault() {
        return all(admin(), PATH, "ticket_forms").stream()
                .filter(f -> f.get("default").asBoolean())
                .map(f -> f.get("id").asLong())
                .findFirst()
                .orElse(null);
    }

    /** Puts back the default the test found: the previous default form again, or none of the test's forms. */
    private void restoreDefault(Long previous, List<Long> mine) {
        if (previous != null) {
            admin().put(PATH + "/" + previous, body(Map.of("default", true)));
        }
        for (long id : mine) {
            admin().put(PATH + "/" + id, body(Map.of("default", false)));
        }
        assertThat(currentDefault()).isEqualTo(previous);
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }
}

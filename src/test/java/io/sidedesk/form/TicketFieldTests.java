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

/** /api/v2/ticket_fields: agents read, admins create and change; types, titles and tagger options are checked. */
class TicketFieldTests extends ApiTestSupport {

    private static final String PATH = "/api/v2/ticket_fields";

    // ---- create and show ----------------------------------------------------------------------------------

    @Test
    void adminCreatesAFieldOfEachPlainType() {
        for (String type : List.of("text", "textarea", "checkbox", "integer", "decimal", "date")) {
            String title = unique("Field " + type);

            Api.Response created = admin().post(
                            PATH,
                            body(Map.of(
                                    "type", type, "title", title, "description", "About " + type, "required", true)));

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode field = created.json().get("ticket_field");
            long id = field.get("id").asLong();
            assertThat(id).isPositive();
            assertThat(field.get("type").asString()).isEqualTo(type);
            assertThat(field.get("title").asString()).isEqualTo(title);
            assertThat(field.get("description").asString()).isEqualTo("About " + type);
            assertThat(field.get("required").asBoolean()).isTrue();
            assertThat(field.get("active").asBoolean()).isTrue();
            assertThat(field.get("custom_field_options")).isEmpty();
            assertThat(field.get("url").asString()).endsWith(PATH + "/" + id + ".json");
            assertThat(field.get("created_at").asString()).isNotBlank();
            assertThat(show(id)).isEqualTo(field);
            assertThat(allIds(admin(), PATH, "ticket_fields")).contains(id);
        }
    }

    @Test
    void fieldsAreOptionalAndActiveUnlessSaidOtherwise() {
        JsonNode field = create(Map.of("type", "text", "title", unique("plain")));

        assertThat(field.get("required").asBoolean()).isFalse();
        assertThat(field.get("required").isBoolean()).isTrue();
        assertThat(field.get("active").asBoolean()).isTrue();
        assertThat(field.get("description").isNull()).isTrue();
    }

    @Test
    void adminCreatesATaggerWithItsOptionsInOrder() {
        String gold = unique("gold");
        String silver = unique("silver");
        String bronze = unique("bronze");

        JsonNode field = create(Map.of(
                "type",
                "tagger",
                "title",
                unique("Plan"),
                "custom_field_options",
                List.of(option("Gold", gold), option("Silver", silver), option("Bronze", bronze))));

        JsonNode options = field.get("custom_field_options");
        assertThat(options).hasSize(3);
        assertThat(options.get(0).get("name").asString()).isEqualTo("Gold");
        assertThat(options.get(0).get("value").asString()).isEqualTo(gold);
        assertThat(options.get(1).get("name").asString()).isEqualTo("Silver");
        assertThat(options.get(1).get("value").asString()).isEqualTo(silver);
        assertThat(options.get(2).get("value").asString()).isEqualTo(bronze);
        options.forEach(option -> assertThat(option.get("id").asLong()).isPositive());
        assertThat(ids(options)).doesNotHaveDuplicates();
        assertThat(show(field.get("id").asLong())).isEqualTo(field);
    }

    @Test
    void typeIsRequiredAndMustBeKnown() {
        String title = unique("untyped");

        assertInvalid(admin().post(PATH, body(Map.of("title", title))), "type");
        assertInvalid(admin().post(PATH, body(Map.of("type", "dropdown", "title", title))), "type");
        assertInvalid(admin().post(PATH, body(Map.of("type", "", "title", title))), "type");
        assertInvalid(admin().post(PATH, body(Map.of("type", 7, "title", title))), "type");

        assertThat(titles()).doesNotContain(title);
    }

    @Test
    void titleIsRequiredAndBounded() {
        String description = unique("untitled");

        assertInvalid(admin().post(PATH, body(Map.of("type", "text", "description", description))), "title");
        assertInvalid(
                admin().post(PATH, body(Map.of("type", "text", "title", "  ", "description", description))), "title");
        assertInvalid(
                admin().post(PATH, body(Map.of("type", "text", "title", "", "description", description))), "title");
        assertInvalid(
                admin().post(PATH, body(Map.of("type", "text", "title", "t".repeat(256), "description", description))),
                "title");

        assertThat(all(admin(), PATH, "ticket_fields"))
                .noneMatch(f -> description.equals(f.get("description").asString(null)));
    }

    @Test
    void missingWrapperIsInvalid() {
        assertInvalid(admin().post(PATH, Map.of("type", "text", "title", unique("bare"))), "ticket_field");
    }

    @Test
    void taggerNeedsAtLeastOneOption() {
        String title = unique("Empty tagger");

        assertInvalid(admin().post(PATH, body(Map.of("type", "tagger", "title", title))), "custom_field_options");
        assertInvalid(
                admin().post(PATH, body(Map.of("type", "tagger", "title", title, "custom_field_options", List.of()))),
                "custom_field_options");

        assertThat(titles()).doesNotContain(title);
    }

    @Test
    void taggerOptionValuesMustBeUniqueAndWithoutSpaces() {
        String title = unique("Bad tagger");
        String value = unique("dup");

        List<List<Map<String, Object>>> invalid = List.of(
                List.of(option("One", value), option("Two", value)),
                List.of(option("Spaced", "two words")),
                List.of(option("Tabbed", "two\twords")),
                List.of(option("Blank", " ")),
                List.of(option("Empty", "")),
                List.of(Map.of("name", "No value")),
                List.of(option("Fine", unique("fine")), option("Comma", "a,b")));
        for (List<Map<String, Object>> options : invalid) {
            assertInvalid(
                    admin().post(PATH, body(Map.of("type", "tagger", "title", title, "custom_field_options", options))),
                    "custom_field_options");
        }

        assertThat(titles()).doesNotContain(title);
    }

    @Test
    void taggerOptionsNeedAName() {
        String title = unique("Nameless");

        assertInvalid(
                admin().post(
                                PATH,
                                body(Map.of(
                                        "type",
                                        "tagger",
                                        "title",
                                        title,
                                        "custom_field_options",
                                        List.of(Map.of("value", unique("v")))))),
                "custom_field_options");
        assertInvalid(
                admin().post(
                                PATH,
                                body(Map.of(
                                        "type",
                                        "tagger",
                                        "title",
                                        title,
                                        "custom_field_options",
                                        List.of(option(" ", unique("v")))))),
                "custom_field_options");

        assertThat(titles()).doesNotContain(title);
    }

    @Test
    void onlyTaggersHaveOptions() {
        for (String type : List.of("text", "textarea", "checkbox", "integer", "decimal", "date")) {
            String title = unique("Optioned " + type);

            assertInvalid(
                    admin().post(
                                    PATH,
                                    body(Map.of(
                                            "type",
                                            type,
                                            "title",
                                            title,
                                            "custom_field_options",
                                            List.of(option("One", unique("one")))))),
                    "custom_field_options");

            assertThat(titles()).doesNotContain(title);
        }
    }

    @Test
    void unknownFieldIs404() {
        assertNotFound(admin().get(PATH + "/987654321"));
        assertNotFound(as(agent()).get(PATH + "/987654321"));
        assertNotFound(admin().put(PATH + "/987654321", body(Map.of("title", unique("ghost")))));
    }

    // ---- update -------------------------------------------------------------------------------------------

    @Test
    void updateChangesOnlyWhatIsSent() throws InterruptedException {
        JsonNode before = create(Map.of("type", "integer", "title", unique("Seats"), "description", "How many"));
        long id = before.get("id").asLong();
        String title = unique("Licensed seats");
        Thread.sleep(5);

        Api.Response retitled = admin().put(PATH + "/" + id, body(Map.of("title", title)));

        assertThat(retitled.status()).as(retitled.toString()).isEqualTo(200);
        JsonNode field = retitled.json().get("ticket_field");
        assertThat(field.get("title").asString()).isEqualTo(title);
        assertThat(field.get("type").asString()).isEqualTo("integer");
        assertThat(field.get("description").asString()).isEqualTo("How many");
        assertThat(field.get("required").asBoolean()).isFalse();
        assertThat(field.get("active").asBoolean()).isTrue();
        assertThat(field.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(field.get("updated_at").asString())
                .isGreaterThan(before.get("updated_at").asString());
        assertThat(show(id)).isEqualTo(field);

        JsonNode required = update(id, Map.of("required", true, "description", "Seats bought"));
        assertThat(required.get("required").asBoolean()).isTrue();
        assertThat(required.get("description").asString()).isEqualTo("Seats bought");
        assertThat(required.get("title").asString()).isEqualTo(title);
    }

    @Test
    void typeCannotChange() {
        long id = create(Map.of("type", "text", "title", unique("Fixed type")))
                .get("id")
                .asLong();
        JsonNode before = show(id);

        assertInvalid(admin().put(PATH + "/" + id, body(Map.of("type", "textarea"))), "type");
        assertInvalid(
                admin().put(
                                PATH + "/" + id,
                                body(Map.of(
                                        "type",
                                        "tagger",
                                        "title",
                                        unique("sneaky"),
                                        "custom_field_options",
                                        List.of(option("One", unique("one")))))),
                "type");

        assertThat(show(id)).isEqualTo(before);
        JsonNode same = update(id, Map.of("type", "text", "description", "same type is fine"));
        assertThat(same.get("type").asString()).isEqualTo("text");
        assertThat(same.get("description").asString()).isEqualTo("same type is fine");
    }

    @Test
    void updateValidatesTheTitle() {
        long id =
                create(Map.of("type", "date", "title", unique("Due"))).get("id").asLong();
        JsonNode before = show(id);

        assertInvalid(admin().put(PATH + "/" + id, body(Map.of("title", " "))), "title");
        assertInvalid(admin().put(PATH + "/" + id, body(Map.of("title", ""))), "title");
        assertInvalid(admin().put(PATH + "/" + id, body(Map.of("title", "t".repeat(256)))), "title");

        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void updateReplacesTaggerOptions() {
        String keep = unique("keep");
        JsonNode field = create(Map.of(
                "type",
                "tagger",
                "title",
                unique("Tier"),
                "custom_field_options",
                List.of(option("Keep", keep), option("Drop", unique("drop")))));
        long id = field.get("id").asLong();
        String added = unique("added");

        JsonNode updated =
                update(id, Map.of("custom_field_options", List.of(option("Added", added), option("Kept", keep))));

        JsonNode options = updated.get("custom_field_options");
        assertThat(options).hasSize(2);
        assertThat(options.get(0).get("value").asString()).isEqualTo(added);
        assertThat(options.get(0).get("name").asString()).isEqualTo("Added");
        assertThat(options.get(1).get("value").asString()).isEqualTo(keep);
        assertThat(options.get(1).get("name").asString()).isEqualTo("Kept");
        options.forEach(option -> assertThat(option.get("id").asLong()).isPositive());
        assertThat(show(id)).isEqualTo(updated);
    }

    @Test
    void taggerOptionsCannotBeEmptiedOrBroken() {
        String value = unique("only");
        long id = create(Map.of(
                        "type",
                        "tagger",
                        "title",
                        unique("Kept tagger"),
                        "custom_field_options",
                        List.of(option("Only", value))))
                .get("id")
                .asLong();
        JsonNode before = show(id);

        assertInvalid(
                admin().put(PATH + "/" + id, body(Map.of("custom_field_options", List.of()))), "custom_field_options");
        assertInvalid(
                admin().put(
                                PATH + "/" + id,
                                body(Map.of("custom_field_options", List.of(option("A", value), option("B", value))))),
                "custom_field_options");
        assertInvalid(
                admin().put(
                                PATH + "/" + id,
                                body(Map.of("custom_field_options", List.of(option("Spaced", "has space"))))),
                "custom_field_options");

        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void optionsCannotBeAddedToANonTagger() {
        long id = create(Map.of("type", "checkbox", "title", unique("Flag")))
                .get("id")
                .asLong();
        JsonNode before = show(id);

        assertInvalid(
                admin().put(
                                PATH + "/" + id,
                                body(Map.of("custom_field_options", List.of(option("One", unique("one")))))),
                "custom_field_options");

        assertThat(show(id)).isEqualTo(before);
    }

    // ---- retire -------------------------------------------------------------------------------------------

    @Test
    void fieldIsRetiredWithActiveFalseNotDeleted() {
        long id = create(Map.of("type", "decimal", "title", unique("Budget")))
                .get("id")
                .asLong();

        JsonNode retired = update(id, Map.of("active", false));

        assertThat(retired.get("active").asBoolean()).isFalse();
        assertThat(show(id).get("active").asBoolean()).isFalse();
        assertThat(allIds(admin(), PATH, "ticket_fields")).contains(id);

        Api.Response deleted = admin().delete(PATH + "/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(405);
        assertThat(show(id).get("active").asBoolean()).isFalse();

        assertThat(update(id, Map.of("active", true)).get("active").asBoolean()).isTrue();
        assertThat(show(id).get("active").asBoolean()).isTrue();
    }

    // ---- who may do what ----------------------------------------------------------------------------------

    @Test
    void agentsReadFieldsEndUsersDoNot() {
        long id = create(Map.of(
                        "type",
                        "tagger",
                        "title",
                        unique("Visible"),
                        "custom_field_options",
                        List.of(option("One", unique("one")))))
                .get("id")
                .asLong();

        for (TestUser staff : List.of(agent(), lightAgent())) {
            Api.Response shown = as(staff).get(PATH + "/" + id);
            assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
            assertThat(shown.json().get("ticket_field")).isEqualTo(show(id));
            assertThat(allIds(as(staff), PATH, "ticket_fields")).contains(id);
        }

        TestUser endUser = endUser();
        assertForbidden(as(endUser).get(PATH));
        assertForbidden(as(endUser).get(PATH + "/" + id));
    }

    @Test
    void onlyAdminsCreateAndChangeFields() {
        long id = create(Map.of("type", "text", "title", unique("Guarded")))
                .get("id")
                .asLong();
        JsonNode before = show(id);

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            String title = unique("sneaky");
            assertForbidden(as(caller).post(PATH, body(Map.of("type", "text", "title", title))));
            assertForbidden(as(caller).put(PATH + "/" + id, body(Map.of("title", title, "active", false))));
            assertThat(titles()).doesNotContain(title);
        }
        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(api().get(PATH).status()).isEqualTo(401);
        assertThat(api().post(PATH, body(Map.of("type", "text", "title", unique("anon"))))
                        .status())
                .isEqualTo(401);
    }

    // ---- lists --------------------------------------------------------------------------------------------

    @Test
    void listPagesBothWays() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(Map.of("type", i % 2 == 0 ? "text" : "checkbox", "title", unique("paged")))
                    .get("id")
                    .asLong());
        }

        List<JsonNode> cursor = allCursorPages(admin(), PATH, "ticket_fields", 2);
        List<JsonNode> offset = allOffsetPages(admin(), PATH, "ticket_fields", 2);

        assertThat(ids(cursor)).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(ids(offset)).isEqualTo(ids(cursor));
    }

    @Test
    void listShowsTaggerOptions() {
        String value = unique("listed");
        long id = create(Map.of(
                        "type",
                        "tagger",
                        "title",
                        unique("Listed"),
                        "custom_field_options",
                        List.of(option("Listed", value))))
                .get("id")
                .asLong();

        JsonNode listed = all(admin(), PATH, "ticket_fields").stream()
                .filter(f -> f.get("id").asLong() == id)
                .findFirst()
                .orElseThrow();

        assertThat(listed).isEqualTo(show(id));
        assertThat(listed.at("/custom_field_options/0/value").asString()).isEqualTo(value);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static Map<String, Object> body(Map<String, Object> field) {
        return Map.of("ticket_field", field);
    }

    private static Map<String, Object> option(String name, String value) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("name", name);
        option.put("value", value);
        return option;
    }

    private JsonNode create(Map<String, Object> field) {
        Api.Response response = admin().post(PATH, body(field));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("ticket_field");
    }

    private JsonNode update(long id, Map<String, Object> field) {
        Api.Response response = admin().put(PATH + "/" + id, body(field));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket_field");
    }

    private JsonNode show(long id) {
        Api.Response response = admin().get(PATH + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket_field");
    }

    private List<String> titles() {
        return all(admin(), PATH, "ticket_fields").stream()
                .map(f -> f.get("title").asString())
                .toList();
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private static List<Long> ids(JsonNode array) {
        return io.sidedesk.ApiAssertions.ids(array);
    }
}

package io.sidedesk.form;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom field values on tickets: checked against the field's type, its options, the ticket's form and
 * whether the field is active; stored and shown exactly as written; taggers set tags; required fields
 * block solving; changes are audited. Tickets name their form, so the shared default form never matters
 * except in the one test about it, which puts the default back.
 */
class CustomFieldValueTests extends ApiTestSupport {

    /** Reads response bodies keeping decimals as written (2.50 is not 2.5). */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    // ---- exact values -------------------------------------------------------------------------------------

    @Test
    void valuesRoundTripExactly() {
        long decimalNumber = field("decimal");
        long decimalString = field("decimal");
        long integerString = field("integer");
        long integerNumber = field("integer");
        long checkbox = field("checkbox");
        long date = field("date");
        long text = field("text");
        long textarea = field("textarea");
        long form = form(decimalNumber, decimalString, integerString, integerNumber, checkbox, date, text, textarea);
        String values = "[" + value(decimalNumber, "2.50") + "," + value(decimalString, "\"1.50\"") + ","
                + value(integerString, "\"42\"") + "," + value(integerNumber, "42") + "," + value(checkbox, "true")
                + "," + value(date, "\"2026-02-28\"") + "," + value(text, "\"Ünïcode — one line\"") + ","
                + value(textarea, "\"first line\\nsecond line\"") + "]";

        Api.Response created = createTicket(form, values);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode[] views = {EXACT.readTree(created.body()).get("ticket"), show(id(created))};
        for (JsonNode ticket : views) {
            assertThat(ticket.get("ticket_form_id").asLong()).isEqualTo(form);
            JsonNode twoFifty = valueOf(ticket, decimalNumber);
            assertThat(twoFifty.isNumber())
                    .as("2.50 stays a number: %s", twoFifty)
                    .isTrue();
            assertThat(twoFifty.decimalValue()).isEqualTo(new BigDecimal("2.50"));
            assertThat(twoFifty.toString()).isEqualTo("2.50");
            assertThat(valueOf(ticket, decimalString).isString()).isTrue();
            assertThat(valueOf(ticket, decimalString).asString()).isEqualTo("1.50");
            assertThat(valueOf(ticket, integerString).isString()).isTrue();
            assertThat(valueOf(ticket, integerString).asString()).isEqualTo("42");
            assertThat(valueOf(ticket, integerNumber).isIntegralNumber()).isTrue();
            assertThat(valueOf(ticket, integerNumber).asLong()).isEqualTo(42);
            assertThat(valueOf(ticket, checkbox).isBoolean()).isTrue();
            assertThat(valueOf(ticket, checkbox).asBoolean()).isTrue();
            assertThat(valueOf(ticket, date).asString()).isEqualTo("2026-02-28");
            assertThat(valueOf(ticket, text).asString()).isEqualTo("Ünïcode — one line");
            assertThat(valueOf(ticket, textarea).asString()).isEqualTo("first line\nsecond line");
        }
        assertThat(created.body()).containsPattern("\"value\"\\s*:\\s*2\\.50\\s*}");
        assertThat(admin().get("/api/v2/tickets/" + id(created)).body())
                .containsPattern("\"value\"\\s*:\\s*2\\.50\\s*}");
    }

    @Test
    void updatedValuesRoundTripExactly() {
        long decimal = field("decimal");
        long integer = field("integer");
        long checkbox = field("checkbox");
        long form = form(decimal, integer, checkbox);
        long ticket = id(createTicket(form, "[" + value(decimal, "1") + "]"));

        Api.Response updated = put(
                ticket,
                "\"custom_fields\": [" + value(decimal, "10.000") + "," + value(integer, "-7") + ","
                        + value(checkbox, "false") + "]");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        for (JsonNode view : List.of(EXACT.readTree(updated.body()).get("ticket"), show(ticket))) {
            assertThat(valueOf(view, decimal).toString()).isEqualTo("10.000");
            assertThat(valueOf(view, integer).asLong()).isEqualTo(-7);
            assertThat(valueOf(view, checkbox).isBoolean()).isTrue();
            assertThat(valueOf(view, checkbox).asBoolean()).isFalse();
        }
    }

    @Test
    void valuesOfTheWrongKindAreRejected() {
        long text = field("text");
        long textarea = field("textarea");
        long checkbox = field("checkbox");
        long integer = field("integer");
        long decimal = field("decimal");
        long date = field("date");
        String option = unique("opt");
        long tagger = tagger("Option", option);
        long form = form(text, textarea, checkbox, integer, decimal, date, tagger);
        long ticket = id(createTicket(form, "[]"));
        JsonNode before = show(ticket);
        int auditsBefore = audits(ticket).size();

        Map<Long, List<String>> invalid = new LinkedHashMap<>();
        invalid.put(
                text,
                List.of(
                        "\"two\\nlines\"",
                        "\"carriage\\r\\nreturn\"",
                        "5",
                        "true",
                        "[\"a\"]",
                        "{\"a\": 1}",
                        "\"" + "t".repeat(64 * 1024 + 1) + "\""));
        invalid.put(textarea, List.of("5", "false", "[\"a\"]", "\"" + "t".repeat(64 * 1024 + 1) + "\""));
        invalid.put(checkbox, List.of("\"true\"", "1", "0", "\"yes\"", "[true]"));
        invalid.put(
                integer,
                List.of(
                        "4.5",
                        "\"4.5\"",
                        "\"abc\"",
                        "\"\"",
                        "true",
                        "12345678901234567890",
                        "\"12345678901234567890\"",
                        "\"4 2\""));
        invalid.put(decimal, List.of("\"abc\"", "\"1,5\"", "\"\"", "true", "\"1.5.0\"", "[1.5]"));
        invalid.put(
                date,
                List.of(
                        "\"2026-02-30\"",
                        "\"2025-02-29\"",
                        "\"2026-13-01\"",
                        "\"28/02/2026\"",
                        "\"2026-2-28\"",
                        "\"2026-02-28T10:00:00Z\"",
                        "20260228",
                        "\"\"",
                        "true"));
        invalid.put(
                tagger,
                List.of(
                        "\"" + option + "-nope\"",
                        "\"Option\"",
                        "\"" + option.toUpperCase() + "\"",
                        "1",
                        "true",
                        "[\"" + option + "\"]"));
        invalid.forEach((fieldId, values) -> values.forEach(bad -> {
            Api.Response response = put(ticket, "\"custom_fields\": [" + value(fieldId, bad) + "]");
            assertInvalid(response, "custom_fields." + fieldId);
        }));

        assertThat(show(ticket)).isEqualTo(before);
        assertThat(audits(ticket)).hasSize(auditsBefore);
    }

    /**
     * Custom field values (docs/RULES.md): a decimal has at most 18 digits before the point and 10 after it (README),
     * as a number or a string, exponents included; anything outside is a 422 naming the field, on create and on update,
     * and nothing is written. Integers and dates out of any range are refused the same way.
     */
    @Test
    void numbersAndDatesOutOfRangeAreRefusedNamingTheFieldAndNothingIsWritten() {
        long decimal = field("decimal");
        long integer = field("integer");
        long date = field("date");
        long form = form(decimal, integer, date);
        long ticket = id(createTicket(form, "[]"));
        JsonNode before = show(ticket);
        int auditsBefore = audits(ticket).size();
        long tickets = count();

        Map<Long, List<String>> outOfRange = new LinkedHashMap<>();
        outOfRange.put(
                decimal,
                List.of(
                        "1e1000000",
                        "-1e1000000",
                        "1e-20000",
                        "1E+19",
                        "1e18",
                        "1234567890123456789",
                        "\"1234567890123456789\"",
                        "0.00000000001",
                        "\"0.12345678901\"",
                        "-1234567890123456789.5",
                        "123456789012345678901234567890",
                        "\"" + "9".repeat(10_000) + "\""));
        outOfRange.put(
                integer,
                List.of(
                        "1e1000000",
                        "1e-20000",
                        "1e3",
                        "9223372036854775808",
                        "-9223372036854775809",
                        "\"9223372036854775808\"",
                        "123456789012345678901234567890"));
        outOfRange.put(
                date,
                List.of(
                        "\"99999-01-01\"",
                        "\"+99999-01-01\"",
                        "\"-0001-01-01\"",
                        "\"0000-00-00\"",
                        "\"2026-01-32\"",
                        "\"+2026-01-01\""));
        outOfRange.forEach((fieldId, values) -> values.forEach(bad -> {
            assertInvalid(put(ticket, "\"custom_fields\": [" + value(fieldId, bad) + "]"), "custom_fields." + fieldId);
            assertInvalid(createTicket(form, "[" + value(fieldId, bad) + "]"), "custom_fields." + fieldId);
        }));

        assertThat(show(ticket)).isEqualTo(before);
        assertThat(audits(ticket)).hasSize(auditsBefore);
        assertThat(count()).isEqualTo(tickets);
    }

    /**
     * Custom field values (docs/RULES.md): the largest and the finest decimals the limits allow are stored exactly as
     * written; one with a positive exponent is written out, as it is stored.
     */
    @Test
    void decimalsAtTheLimitsRoundTripExactly() {
        long number = field("decimal");
        long string = field("decimal");
        long exponent = field("decimal");
        long form = form(number, string, exponent);
        String widest = "-999999999999999999.9999999999";

        Api.Response created = createTicket(
                form,
                "[" + value(number, widest) + "," + value(string, "\"" + widest + "\"") + "," + value(exponent, "1E+17")
                        + "]");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode ticket = show(id(created));
        assertThat(valueOf(ticket, number).toString()).isEqualTo(widest);
        assertThat(valueOf(ticket, string).asString()).isEqualTo(widest);
        // PostgreSQL keeps 1E+17 as 100000000000000000, and so does the answer to the write.
        assertThat(valueOf(ticket, exponent).toString()).isEqualTo("100000000000000000");
        assertThat(valueOf(EXACT.readTree(created.body()).get("ticket"), exponent)
                        .toString())
                .isEqualTo("100000000000000000");
    }

    @Test
    void textIsOneLineButTextareaTakesMany() {
        long text = field("text");
        long textarea = field("textarea");
        long form = form(text, textarea);

        assertInvalid(createTicket(form, "[" + value(text, "\"line one\\nline two\"") + "]"), "custom_fields." + text);
        Api.Response created = createTicket(
                form, "[" + value(textarea, "\"line one\\nline two\"") + "," + value(text, "\"just one line\"") + "]");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode ticket = show(id(created));
        assertThat(valueOf(ticket, textarea).asString()).isEqualTo("line one\nline two");
        assertThat(valueOf(ticket, text).asString()).isEqualTo("just one line");
    }

    @Test
    void dateMustBeARealDay() {
        long date = field("date");
        long form = form(date);
        long ticket = id(createTicket(form, "[" + value(date, "\"2026-02-28\"") + "]"));

        assertInvalid(
                put(ticket, "\"custom_fields\": [" + value(date, "\"2026-02-30\"") + "]"), "custom_fields." + date);
        assertThat(valueOf(show(ticket), date).asString()).isEqualTo("2026-02-28");

        Api.Response leap = put(ticket, "\"custom_fields\": [" + value(date, "\"2028-02-29\"") + "]");
        assertThat(leap.status()).as(leap.toString()).isEqualTo(200);
        assertThat(valueOf(show(ticket), date).asString()).isEqualTo("2028-02-29");
    }

    @Test
    void nullClearsAValue() {
        long text = field("text");
        long integer = field("integer");
        long form = form(text, integer);
        long ticket = id(createTicket(form, "[" + value(text, "\"keep me\"") + "," + value(integer, "3") + "]"));

        Api.Response cleared = put(ticket, "\"custom_fields\": [" + value(integer, "null") + "]");

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        for (JsonNode view : List.of(EXACT.readTree(cleared.body()).get("ticket"), show(ticket))) {
            assertThat(valueOf(view, integer)).as("cleared value").isNull();
            assertThat(valueOf(view, text).asString()).isEqualTo("keep me");
        }

        Api.Response again = put(ticket, "\"custom_fields\": [" + value(integer, "\"8\"") + "]");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(valueOf(show(ticket), integer).asString()).isEqualTo("8");
    }

    @Test
    void eachValueNeedsTheIdOfItsField() {
        long text = field("text");
        long form = form(text);
        long ticket = id(createTicket(form, "[]"));

        assertInvalid(put(ticket, "\"custom_fields\": [{\"value\": \"no id\"}]"), "custom_fields");
        assertInvalid(
                put(ticket, "\"custom_fields\": [" + value(987654321L, "\"x\"") + "]"), "custom_fields.987654321");

        assertThat(show(ticket).get("custom_fields")).isEmpty();
    }

    // ---- taggers ------------------------------------------------------------------------------------------

    @Test
    void taggerValueIsATagAndChangingItSwapsTheTag() {
        String gold = unique("gold");
        String silver = unique("silver");
        long tagger = tagger("Gold", gold, "Silver", silver);
        long form = form(tagger);
        String own = unique("own");

        Api.Response created =
                createTicket(form, "[" + value(tagger, "\"" + gold + "\"") + "]", "\"tags\": [\"" + own + "\"]");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long ticket = id(created);
        assertThat(tags(show(ticket))).contains(gold, own).doesNotContain(silver);
        assertThat(valueOf(show(ticket), tagger).asString()).isEqualTo(gold);

        Api.Response swapped = put(ticket, "\"custom_fields\": [" + value(tagger, "\"" + silver + "\"") + "]");

        assertThat(swapped.status()).as(swapped.toString()).isEqualTo(200);
        JsonNode after = show(ticket);
        assertThat(valueOf(after, tagger).asString()).isEqualTo(silver);
        assertThat(tags(after)).contains(silver, own).doesNotContain(gold);
        assertThat(tags(swapped.json().get("ticket"))).isEqualTo(tags(after));

        Api.Response cleared = put(ticket, "\"custom_fields\": [" + value(tagger, "null") + "]");

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(valueOf(show(ticket), tagger)).isNull();
        assertThat(tags(show(ticket))).contains(own).doesNotContain(gold, silver);
    }

    @Test
    void taggerValueMustBeTheValueOfAnOption() {
        String value = unique("basic");
        long tagger = tagger("Basic plan", value);
        long form = form(tagger);
        long ticket = id(createTicket(form, "[]"));

        assertInvalid(
                put(ticket, "\"custom_fields\": [" + value(tagger, "\"Basic plan\"") + "]"), "custom_fields." + tagger);
        assertInvalid(
                put(ticket, "\"custom_fields\": [" + value(tagger, "\"" + unique("other") + "\"") + "]"),
                "custom_fields." + tagger);

        JsonNode after = show(ticket);
        assertThat(after.get("custom_fields")).isEmpty();
        assertThat(tags(after)).doesNotContain(value);
    }

    // ---- forms and active fields --------------------------------------------------------------------------

    @Test
    void fieldNotOnTheTicketsFormIsRejected() {
        long onForm = field("text");
        long offForm = field("text");
        long form = form(onForm);
        long other = form(offForm);

        assertInvalid(createTicket(form, "[" + value(offForm, "\"nope\"") + "]"), "custom_fields." + offForm);

        long ticket = id(createTicket(form, "[" + value(onForm, "\"fine\"") + "]"));
        JsonNode before = show(ticket);
        assertInvalid(
                put(ticket, "\"custom_fields\": [" + value(offForm, "\"nope\"") + "]"), "custom_fields." + offForm);
        assertInvalid(
                put(
                        ticket,
                        "\"custom_fields\": [" + value(onForm, "\"changed\"") + "," + value(offForm, "\"nope\"") + "]"),
                "custom_fields." + offForm);
        assertThat(show(ticket)).isEqualTo(before);

        Api.Response moved = put(
                ticket,
                "\"ticket_form_id\": " + other + ", \"custom_fields\": [" + value(offForm, "\"now fine\"") + "]");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonNode after = show(ticket);
        assertThat(after.get("ticket_form_id").asLong()).isEqualTo(other);
        assertThat(valueOf(after, offForm).asString()).isEqualTo("now fine");
    }

    @Test
    void inactiveFieldIsRejected() {
        long retired = field("integer");
        long form = form(retired);
        long ticket = id(createTicket(form, "[" + value(retired, "1") + "]"));
        Api.Response off =
                admin().put("/api/v2/ticket_fields/" + retired, Map.of("ticket_field", Map.of("active", false)));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);

        assertInvalid(createTicket(form, "[" + value(retired, "2") + "]"), "custom_fields." + retired);
        assertInvalid(put(ticket, "\"custom_fields\": [" + value(retired, "2") + "]"), "custom_fields." + retired);

        assertThat(valueOf(show(ticket), retired).asLong()).isEqualTo(1);
    }

    @Test
    void agentsWhoCannotChangePropertiesCannotSetValues() {
        long text = field("text");
        long form = form(text);
        long ticket = id(createTicket(form, "[]"));
        TestUser lightAgent = lightAgent();

        assertForbidden(as(lightAgent)
                .send(
                        "PUT",
                        "/api/v2/tickets/" + ticket,
                        "{\"ticket\": {\"custom_fields\": [" + value(text, "\"light\"") + "]}}"));

        assertThat(show(ticket).get("custom_fields")).isEmpty();
    }

    // ---- what end-users read and write (portal fields, docs/RULES.md) ---------------------------------------

    /**
     * An end-user reads the values of fields visible in the portal and nothing of the others, in any member
     * of any read: not the value, not a tagger's value among the tags (end-users read no tags at all).
     */
    @Test
    void endUsersReadOnlyTheFieldsVisibleInThePortal() {
        long fraudScore = createField(Map.of("type", "integer", "title", unique("Fraud score")));
        String risky = unique("risk").toLowerCase(java.util.Locale.ROOT);
        long riskLevel = createField(Map.of(
                "type",
                "tagger",
                "title",
                unique("Risk"),
                "custom_field_options",
                List.of(Map.of("name", "High", "value", risky))));
        long orderNumber =
                createField(Map.of("type", "text", "title", unique("Order number"), "visible_in_portal", true));
        long form = form(fraudScore, riskLevel, orderNumber);
        TestUser requester = endUser();
        long ticket = id(createTicket(
                form,
                "[" + value(fraudScore, "987123456") + "," + value(riskLevel, "\"" + risky + "\"") + ","
                        + value(orderNumber, "\"ORD-5521\"") + "]",
                "\"requester_id\": " + requester.id(),
                "\"tags\": [\"" + unique("agenttag").toLowerCase(java.util.Locale.ROOT) + "\"]"));
        JsonNode asAdmin = show(ticket);
        assertThat(valueOf(asAdmin, fraudScore).asLong()).isEqualTo(987123456L);
        assertThat(tags(asAdmin)).contains(risky);

        for (String read : List.of(
                "/api/v2/tickets/" + ticket,
                "/api/v2/tickets",
                "/api/v2/tickets?page[size]=100",
                "/api/v2/tickets/show_many?ids=" + ticket)) {
            Api.Response response = as(requester).get(read);
            assertThat(response.status()).as(read + ": " + response).isEqualTo(200);
            assertThat(response.body())
                    .as(read)
                    .doesNotContain("987123456")
                    .doesNotContain(risky)
                    .doesNotContain("agenttag")
                    .contains("ORD-5521");
        }
        JsonNode asRequester =
                as(requester).get("/api/v2/tickets/" + ticket).json().get("ticket");
        assertThat(asRequester.get("custom_fields")).hasSize(1);
        assertThat(valueOf(asRequester, orderNumber).asString()).isEqualTo("ORD-5521");
        assertThat(asRequester.has("tags")).as("end-users read no tags").isFalse();

        Api.Response hidden = admin().put(
                        "/api/v2/ticket_fields/" + orderNumber,
                        Map.of("ticket_field", Map.of("visible_in_portal", false)));
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(as(requester).get("/api/v2/tickets/" + ticket).json().at("/ticket/custom_fields"))
                .isEmpty();
    }

    /**
     * An end-user opening a ticket fills in the fields editable in the portal; a field they cannot see is
     * refused exactly as a missing one (422), one they see but may not edit is a 403; nothing is written. On
     * an existing ticket they change no field (ticket properties are for agents).
     */
    @Test
    void endUsersFillInOnlyTheFieldsEditableInThePortal() {
        long hiddenField = createField(Map.of("type", "text", "title", unique("Internal")));
        long readOnly = createField(Map.of("type", "text", "title", unique("Shown"), "visible_in_portal", true));
        long editable = createField(Map.of(
                "type", "text", "title", unique("Order"), "visible_in_portal", true, "editable_in_portal", true));
        long form = form(hiddenField, readOnly, editable);
        TestUser requester = endUser();
        Api asRequester = as(requester);
        long before = count();

        Api.Response created = asRequester.post(
                "/api/v2/tickets",
                Map.of(
                        "ticket",
                        Map.of(
                                "subject",
                                "My order",
                                "comment",
                                Map.of("body", "Where is it?"),
                                "ticket_form_id",
                                form,
                                "custom_fields",
                                List.of(Map.of("id", editable, "value", "ORD-1")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long ticket = created.json().at("/ticket/id").asLong();
        assertThat(valueOf(show(ticket), editable).asString()).isEqualTo("ORD-1");
        assertThat(count()).isEqualTo(before + 1);

        Api.Response invisible = asRequester.post(
                "/api/v2/tickets",
                Map.of(
                        "ticket",
                        Map.of(
                                "comment",
                                Map.of("body", "sneaky"),
                                "ticket_form_id",
                                form,
                                "custom_fields",
                                List.of(Map.of("id", hiddenField, "value", "x")))));
        Api.Response missing = asRequester.post(
                "/api/v2/tickets",
                Map.of(
                        "ticket",
                        Map.of(
                                "comment",
                                Map.of("body", "sneaky"),
                                "ticket_form_id",
                                form,
                                "custom_fields",
                                List.of(Map.of("id", 987654321L, "value", "x")))));
        assertInvalid(invisible, "custom_fields." + hiddenField);
        assertThat(invisible.json().at("/details/custom_fields." + hiddenField))
                .isEqualTo(missing.json().at("/details/custom_fields.987654321"));
        assertForbidden(asRequester.post(
                "/api/v2/tickets",
                Map.of(
                        "ticket",
                        Map.of(
                                "comment",
                                Map.of("body", "x"),
                                "ticket_form_id",
                                form,
                                "custom_fields",
                                List.of(Map.of("id", readOnly, "value", "x"))))));
        assertForbidden(asRequester.put(
                "/api/v2/tickets/" + ticket,
                Map.of("ticket", Map.of("custom_fields", List.of(Map.of("id", editable, "value", "ORD-2"))))));
        assertThat(count()).as("nothing written").isEqualTo(before + 1);
        assertThat(valueOf(show(ticket), editable).asString()).isEqualTo("ORD-1");
    }

    @Test
    void portalVisibilityIsOffByDefaultAndEditingNeedsVisibility() {
        Api.Response plain = admin().post(
                        "/api/v2/ticket_fields",
                        Map.of("ticket_field", Map.of("type", "text", "title", unique("Plain"))));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
        assertThat(plain.json().at("/ticket_field/visible_in_portal").asBoolean())
                .isFalse();
        assertThat(plain.json().at("/ticket_field/editable_in_portal").asBoolean())
                .isFalse();
        long id = plain.json().at("/ticket_field/id").asLong();

        assertInvalid(
                admin().post(
                                "/api/v2/ticket_fields",
                                Map.of(
                                        "ticket_field",
                                        Map.of("type", "text", "title", unique("Odd"), "editable_in_portal", true))),
                "editable_in_portal");
        assertInvalid(
                admin().put("/api/v2/ticket_fields/" + id, Map.of("ticket_field", Map.of("editable_in_portal", true))),
                "editable_in_portal");
        assertThat(admin().get("/api/v2/ticket_fields/" + id)
                        .json()
                        .at("/ticket_field/editable_in_portal")
                        .asBoolean())
                .isFalse();

        Api.Response both = admin().put(
                        "/api/v2/ticket_fields/" + id,
                        Map.of("ticket_field", Map.of("visible_in_portal", true, "editable_in_portal", true)));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(both.json().at("/ticket_field/editable_in_portal").asBoolean())
                .isTrue();
        Api.Response hidden =
                admin().put("/api/v2/ticket_fields/" + id, Map.of("ticket_field", Map.of("visible_in_portal", false)));
        assertThat(hidden.json().at("/ticket_field/editable_in_portal").asBoolean())
                .as("hiding a field stops end-users editing it")
                .isFalse();
    }

    private long count() {
        return admin().get("/api/v2/tickets?per_page=1").json().get("count").asLong();
    }

    // ---- required to solve --------------------------------------------------------------------------------

    @Test
    void requiredFieldNeedsAValueBeforeSolving() {
        long required = requiredField("text");
        long optional = field("text");
        long form = form(required, optional);
        long ticket = id(createTicket(form, "[]"));
        assign(ticket);

        assertInvalid(put(ticket, "\"status\": \"solved\""), "custom_fields." + required);
        assertThat(show(ticket).get("status").asString()).isEqualTo("open");

        Api.Response pending =
                put(ticket, "\"status\": \"pending\", \"custom_fields\": [" + value(optional, "\"other\"") + "]");
        assertThat(pending.status())
                .as("other changes need no value: %s", pending)
                .isEqualTo(200);

        assertInvalid(
                put(ticket, "\"status\": \"solved\", \"custom_fields\": [" + value(optional, "\"more\"") + "]"),
                "custom_fields." + required);
        assertThat(show(ticket).get("status").asString()).isEqualTo("pending");

        Api.Response solved =
                put(ticket, "\"status\": \"solved\", \"custom_fields\": [" + value(required, "\"answered\"") + "]");
        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        JsonNode after = show(ticket);
        assertThat(after.get("status").asString()).isEqualTo("solved");
        assertThat(valueOf(after, required).asString()).isEqualTo("answered");
    }

    @Test
    void clearingARequiredValueWhileSolvingIsRefused() {
        long required = requiredField("checkbox");
        long form = form(required);
        long ticket = id(createTicket(form, "[" + value(required, "false") + "]"));
        assign(ticket);

        assertInvalid(
                put(ticket, "\"status\": \"solved\", \"custom_fields\": [" + value(required, "null") + "]"),
                "custom_fields." + required);

        JsonNode after = show(ticket);
        assertThat(after.get("status").asString()).isEqualTo("open");
        assertThat(valueOf(after, required).isBoolean()).isTrue();

        Api.Response solved = put(ticket, "\"status\": \"solved\"");
        assertThat(solved.status()).as("false is a value: %s", solved).isEqualTo(200);
    }

    @Test
    void requiredFieldOffTheFormDoesNotBlockSolving() {
        long requiredElsewhere = requiredField("text");
        form(requiredElsewhere);
        long optional = field("text");
        long form = form(optional);
        long ticket = id(createTicket(form, "[]"));
        assign(ticket);

        Api.Response solved = put(ticket, "\"status\": \"solved\"");

        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        assertThat(show(ticket).get("status").asString()).isEqualTo("solved");
    }

    @Test
    void retiredRequiredFieldDoesNotBlockSolving() {
        long retired = requiredField("integer");
        long form = form(retired);
        long ticket = id(createTicket(form, "[]"));
        assign(ticket);
        assertInvalid(put(ticket, "\"status\": \"solved\""), "custom_fields." + retired);
        Api.Response off =
                admin().put("/api/v2/ticket_fields/" + retired, Map.of("ticket_field", Map.of("active", false)));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);

        Api.Response solved = put(ticket, "\"status\": \"solved\"");

        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        assertThat(show(ticket).get("status").asString()).isEqualTo("solved");
    }

    @Test
    void item6ARequiredValueCannotBeClearedOnceTheTicketIsSolved() {
        long required = requiredField("text");
        long form = form(required);
        long ticket = id(createTicket(form, "[" + value(required, "\"answered\"") + "]"));
        assign(ticket);
        assertThat(put(ticket, "\"status\": \"solved\"").status()).isEqualTo(200);

        assertInvalid(put(ticket, "\"custom_fields\": [" + value(required, "null") + "]"), "custom_fields." + required);
        assertInvalid(put(ticket, "\"custom_fields\": [" + value(required, "\"\"") + "]"), "custom_fields." + required);

        JsonNode after = show(ticket);
        assertThat(after.get("status").asString()).isEqualTo("solved");
        assertThat(valueOf(after, required).asString()).isEqualTo("answered");
    }

    @Test
    void item6ASolvedTicketClosesOnlyWithItsRequiredFields() {
        long field = field("text");
        long form = form(field);
        long ticket = id(createTicket(form, "[]"));
        assign(ticket);
        assertThat(put(ticket, "\"status\": \"solved\"").status()).isEqualTo(200);
        Api.Response madeRequired =
                admin().put("/api/v2/ticket_fields/" + field, Map.of("ticket_field", Map.of("required", true)));
        assertThat(madeRequired.status()).as(madeRequired.toString()).isEqualTo(200);

        assertInvalid(put(ticket, "\"status\": \"closed\""), "custom_fields." + field);
        assertThat(show(ticket).get("status").asString()).isEqualTo("solved");

        Api.Response closed =
                put(ticket, "\"status\": \"closed\", \"custom_fields\": [" + value(field, "\"filled in\"") + "]");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(show(ticket).get("status").asString()).isEqualTo("closed");
    }

    @Test
    void item6ASolvedTicketMovesOnlyToAFormWhoseRequiredFieldsItHas() {
        long required = requiredField("text");
        long strict = form(required);
        long loose = form(field("text"));
        long ticket = id(createTicket(loose, "[]"));
        assign(ticket);
        assertThat(put(ticket, "\"status\": \"solved\"").status()).isEqualTo(200);

        assertInvalid(put(ticket, "\"ticket_form_id\": " + strict), "custom_fields." + required);
        assertThat(show(ticket).get("ticket_form_id").asLong()).isEqualTo(loose);
    }

    // ---- audits -------------------------------------------------------------------------------------------

    @Test
    void changesAppearInTheUpdateAuditAsChangeEventsNamedByFieldId() {
        long integer = field("integer");
        long text = field("text");
        long untouched = field("checkbox");
        long form = form(integer, text, untouched);
        long ticket = id(createTicket(form, "[" + value(integer, "42") + "," + value(untouched, "true") + "]"));

        Api.Response updated = put(
                ticket,
                "\"custom_fields\": [" + value(integer, "43") + "," + value(text, "\"hello\"") + ","
                        + value(untouched, "true") + "]");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        List<JsonNode> changes = changes(updated.json().at("/audit"));
        assertThat(change(changes, integer).get("previous_value").asString()).isEqualTo("42");
        assertThat(change(changes, integer).get("value").asString()).isEqualTo("43");
        assertThat(change(changes, text).get("previous_value").isNull()).isTrue();
        assertThat(change(changes, text).get("value").asString()).isEqualTo("hello");
        assertThat(changes).noneMatch(e -> e.get("field_name").asString().equals(String.valueOf(untouched)));

        Api.Response cleared = put(ticket, "\"custom_fields\": [" + value(text, "null") + "]");

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        JsonNode clearedChange = change(changes(cleared.json().at("/audit")), text);
        assertThat(clearedChange.get("previous_value").asString()).isEqualTo("hello");
        assertThat(clearedChange.get("value").isNull()).isTrue();
    }

    @Test
    void storedAuditsKeepTheChangeEvents() {
        long integer = field("integer");
        long form = form(integer);
        long ticket = id(createTicket(form, "[" + value(integer, "\"42\"") + "]"));

        Api.Response updated = put(ticket, "\"custom_fields\": [" + value(integer, "\"43\"") + "]");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        List<JsonNode> audits = audits(ticket);
        JsonNode last = audits.get(audits.size() - 1);
        assertThat(last.get("id").asLong())
                .isEqualTo(updated.json().at("/audit/id").asLong());
        assertThat(last.get("events"))
                .as("the stored audit is the one the update returned")
                .isEqualTo(updated.json().at("/audit/events"));
        JsonNode change = change(changes(last), integer);
        assertThat(change.get("previous_value").asString()).isEqualTo("42");
        assertThat(change.get("value").asString()).isEqualTo("43");
    }

    @Test
    void unchangedValuesWriteNoAudit() {
        long text = field("text");
        long form = form(text);
        long ticket = id(createTicket(form, "[" + value(text, "\"same\"") + "]"));
        int before = audits(ticket).size();

        Api.Response same = put(ticket, "\"custom_fields\": [" + value(text, "\"same\"") + "]");

        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(audits(ticket)).hasSize(before);
    }

    // ---- the default form ---------------------------------------------------------------------------------

    @Test
    void ticketsGetTheDefaultFormAndItsFields() {
        long onDefault = field("text");
        long offDefault = field("text");
        long defaultForm = form(onDefault);
        long otherForm = form(offDefault);
        Long previous = currentDefaultForm();
        try {
            Api.Response made =
                    admin().put("/api/v2/ticket_forms/" + defaultForm, Map.of("ticket_form", Map.of("default", true)));
            assertThat(made.status()).as(made.toString()).isEqualTo(200);

            Api.Response plain = createTicket(null, "[" + value(onDefault, "\"on the default form\"") + "]");
            assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
            assertThat(show(id(plain)).get("ticket_form_id").asLong()).isEqualTo(defaultForm);
            assertThat(valueOf(show(id(plain)), onDefault).asString()).isEqualTo("on the default form");

            assertInvalid(
                    createTicket(null, "[" + value(offDefault, "\"not on it\"") + "]"), "custom_fields." + offDefault);

            Api.Response named = createTicket(otherForm, "[" + value(offDefault, "\"named form\"") + "]");
            assertThat(named.status()).as(named.toString()).isEqualTo(201);
            assertThat(show(id(named)).get("ticket_form_id").asLong()).isEqualTo(otherForm);
        } finally {
            if (previous != null) {
                admin().put("/api/v2/ticket_forms/" + previous, Map.of("ticket_form", Map.of("default", true)));
            }
            admin().put("/api/v2/ticket_forms/" + defaultForm, Map.of("ticket_form", Map.of("default", false)));
            assertThat(currentDefaultForm()).isEqualTo(previous);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private long field(String type) {
        return createField(Map.of("type", type, "title", unique("Value " + type)));
    }

    private long requiredField(String type) {
        return createField(Map.of("type", type, "title", unique("Required " + type), "required", true));
    }

    /** A tagger with options given as name, value, name, value... */
    private long tagger(String... namesAndValues) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.add(Map.of("name", namesAndValues[i], "value", namesAndValues[i + 1]));
        }
        return createField(Map.of("type", "tagger", "title", unique("Tagger"), "custom_field_options", options));
    }

    private long createField(Map<String, Object> field) {
        Api.Response response = admin().post("/api/v2/ticket_fields", Map.of("ticket_field", field));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket_field/id").asLong();
    }

    private long form(Long... fieldIds) {
        Api.Response response = admin().post(
                        "/api/v2/ticket_forms",
                        Map.of(
                                "ticket_form",
                                Map.of("name", unique("Values form"), "ticket_field_ids", List.of(fieldIds))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket_form/id").asLong();
    }

    private static String value(long fieldId, String json) {
        return "{\"id\": " + fieldId + ", \"value\": " + json + "}";
    }

    /** POSTs a ticket on the form (none named when null) with the custom_fields array given as JSON. */
    private Api.Response createTicket(Long formId, String customFields, String... moreMembers) {
        StringBuilder ticket = new StringBuilder("{\"ticket\": {\"subject\": \"" + unique("Values") + "\", ")
                .append("\"comment\": {\"body\": \"Please help\"}, ");
        if (formId != null) {
            ticket.append("\"ticket_form_id\": ").append(formId).append(", ");
        }
        for (String member : moreMembers) {
            ticket.append(member).append(", ");
        }
        ticket.append("\"custom_fields\": ").append(customFields).append("}}");
        return admin().send("POST", "/api/v2/tickets", ticket.toString());
    }

    /** PUTs the given members (JSON text) as the ticket's update. */
    private Api.Response put(long ticket, String members) {
        return admin().send("PUT", "/api/v2/tickets/" + ticket, "{\"ticket\": {" + members + "}}");
    }

    private static long id(Api.Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/ticket/id").asLong();
    }

    private JsonNode show(long ticket) {
        Api.Response response = admin().get("/api/v2/tickets/" + ticket);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return EXACT.readTree(response.body()).get("ticket");
    }

    /** The value of the field on the ticket, or null when it has none. */
    private static JsonNode valueOf(JsonNode ticket, long fieldId) {
        for (JsonNode entry : ticket.get("custom_fields")) {
            if (entry.get("id").asLong() == fieldId) {
                return entry.get("value").isNull() ? null : entry.get("value");
            }
        }
        return null;
    }

    private static List<String> tags(JsonNode ticket) {
        List<String> tags = new ArrayList<>();
        ticket.get("tags").forEach(tag -> tags.add(tag.asString()));
        return tags;
    }

    /** The Change events of an audit. */
    private static List<JsonNode> changes(JsonNode audit) {
        List<JsonNode> changes = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals("Change")) {
                changes.add(event);
            }
        });
        return changes;
    }

    private static JsonNode change(List<JsonNode> changes, long fieldId) {
        return changes.stream()
                .filter(e -> e.get("field_name").asString().equals(String.valueOf(fieldId)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Change event for field " + fieldId + ": " + changes));
    }

    /** Puts the ticket in a new group with a new agent, so that it can be solved. */
    private void assign(long ticket) {
        long group = group(true);
        TestUser agent = agent();
        membership(agent, group);
        Api.Response assigned = admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("group_id", group, "assignee_id", agent.id())));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().at("/ticket/status").asString()).isEqualTo("open");
    }

    private Long currentDefaultForm() {
        return all(admin(), "/api/v2/ticket_forms", "ticket_forms").stream()
                .filter(f -> f.get("default").asBoolean())
                .map(f -> f.get("id").asLong())
                .findFirst()
                .orElse(null);
    }
}

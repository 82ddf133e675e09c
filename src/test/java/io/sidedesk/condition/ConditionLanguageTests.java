package io.sidedesk.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.sidedesk.web.RecordInvalid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared condition language as tables of conditions, changes and answers, without Spring or a database. */
class ConditionLanguageTests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final ConditionLanguage TRIGGERS = new ConditionLanguage(List.of(
            Field.only("update_type", EnumSet.of(Operator.IS), "Create", "Change"),
            Field.ordered("status", "new", "open", "pending", "hold", "solved", "closed"),
            Field.choice("type", "question", "incident", "problem", "task"),
            Field.id("group_id"),
            Field.tags("current_tags"),
            Field.words("comment_includes_word"),
            Field.only("role", EnumSet.of(Operator.IS, Operator.IS_NOT), "end_user", "agent", "admin")));

    /** A change: each field's value after it, and before it where that differs. */
    private record Change(Map<String, Object> current, Map<String, Object> previous) implements Subject {

        static Change of(Object... fieldsAndValues) {
            Map<String, Object> current = new HashMap<>();
            for (int i = 0; i < fieldsAndValues.length; i += 2) {
                current.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
            return new Change(current, new HashMap<>(current));
        }

        Change was(String field, Object value) {
            previous.put(field, value);
            return this;
        }

        @Override
        public Object current(String field) {
            return current.get(field);
        }

        @Override
        public Object previous(String field) {
            return previous.get(field);
        }
    }

    private static Condition condition(String field, String operator, Object value) {
        JsonNode node = value == null
                ? JSON.nullNode()
                : value instanceof Long number ? JSON.numberNode(number) : JSON.stringNode(value.toString());
        return new Condition(field, operator, node);
    }

    private static boolean matches(Subject subject, Condition... all) {
        return TRIGGERS.compile(new Conditions(List.of(all), List.of()), "conditions")
                .test(subject);
    }

    @ParameterizedTest(name = "status {1} -> {0}: {2} {3} is {4}")
    @CsvSource({
        "open,    open,    is,             open,    true",
        "open,    open,    is_not,         open,    false",
        "pending, open,    changed,        ,        true",
        "open,    open,    changed,        ,        false",
        "open,    open,    not_changed,    ,        true",
        "pending, open,    value,          pending, true",
        "pending, pending, value,          pending, false",
        "pending, open,    value_previous, open,    true",
        "pending, open,    value_previous, pending, false",
        "open,    open,    less_than,      solved,  true",
        "solved,  open,    less_than,      solved,  false",
        "closed,  solved,  greater_than,   solved,  true",
        "new,     new,     greater_than,   new,     false",
    })
    void eachOperatorComparesTheChangeWithTheValue(
            String current, String previous, String operator, String value, boolean expected) {
        Change change = Change.of("status", current).was("status", previous);

        assertThat(matches(change, condition("status", operator, value))).isEqualTo(expected);
    }

    @Test
    void aNewTicketHasNoPreviousValue_soEverySetFieldChanged() {
        Change created = Change.of("status", "new", "update_type", "Create").was("status", null);

        assertThat(matches(created, condition("status", "changed", null))).isTrue();
        assertThat(matches(created, condition("status", "value", "new"))).isTrue();
        assertThat(matches(created, condition("update_type", "is", "Create"))).isTrue();
    }

    @Test
    void allMustHoldAndOneOfAnyWhenAnyHasConditions() {
        Change change = Change.of("status", "open", "type", "incident", "role", "agent");
        Predicate<Subject> openIncidentByStaff = TRIGGERS.compile(
                new Conditions(
                        List.of(condition("status", "is", "open")),
                        List.of(condition("type", "is", "incident"), condition("role", "is", "admin"))),
                "conditions");
        Predicate<Subject> onlyAny = TRIGGERS.compile(
                new Conditions(null, List.of(condition("type", "is", "task"), condition("role", "is", "admin"))),
                "conditions");

        assertThat(openIncidentByStaff.test(change)).isTrue();
        assertThat(onlyAny.test(change)).isFalse();
        assertThat(TRIGGERS.compile(Conditions.NONE, "conditions").test(change)).isTrue();
    }

    /**
     * A subject that knows a field did not change (a trigger's audit that records no change of it) has the conditions
     * on a change decided without reading any value, and they are tried before the conditions on the state: a write
     * that only records activity on a ticket does not read the ticket for them (issue 26). The answers are the same.
     */
    @ParameterizedTest(name = "{0} {1} on an unchanged field is {2}")
    @CsvSource({
        "status, changed,        ,        false",
        "status, value,          open,    false",
        "status, value_previous, open,    false",
        "status, not_changed,    ,        true",
    })
    void aFieldKnownUnchangedDecidesTheConditionsOnAChangeWithoutReadingIt(
            String field, String operator, String value, boolean expected) {
        List<String> read = new ArrayList<>();
        Subject unchanged = new Subject() {
            @Override
            public Object current(String name) {
                read.add(name);
                return "open";
            }

            @Override
            public Object previous(String name) {
                read.add(name);
                return "open";
            }

            @Override
            public boolean knownUnchanged(String name) {
                return true;
            }
        };
        Condition onChange = condition(field, operator, value);

        assertThat(matches(unchanged, onChange)).isEqualTo(expected);
        assertThat(read).isEmpty();
        // The same answers from the values themselves, for a subject that does not know.
        assertThat(matches(Change.of(field, "open"), onChange)).isEqualTo(expected);
        // Before a condition on the state, whatever their order: it is not read when the change fails.
        assertThat(matches(unchanged, condition("group_id", "is", 7L), onChange))
                .isEqualTo(false);
        if (expected) {
            assertThat(read).containsExactly("group_id");
        } else {
            assertThat(read).isEmpty();
        }
    }

    @ParameterizedTest(name = "tags {0}: {1} \"{2}\" is {3}")
    @CsvSource({
        "vip billing, includes,     VIP,           true",
        "vip billing, includes,     refund urgent, false",
        "vip billing, includes,     'refund, vip', true",
        "vip billing, not_includes, refund urgent, true",
        "vip billing, not_includes, billing,       false",
        "'',          includes,     vip,           false",
    })
    void currentTagsIncludeAtLeastOneOrNone(String tags, String operator, String value, boolean expected) {
        Set<String> current = tags.isBlank() ? Set.of() : Set.of(tags.split(" "));

        assertThat(matches(Change.of("current_tags", current), condition("current_tags", operator, value)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\": {1} \"{2}\" is {3}")
    @CsvSource({
        "'Please REFUND my order.', includes,     refund,       true",
        "'Please refunded it',      includes,     refund,       false",
        "'Need an invoice, thanks', includes,     'refund invoice', true",
        "'Need an invoice, thanks', not_includes, refund,       true",
    })
    void aTextIncludesWholeWordsInAnyCase(String text, String operator, String words, boolean expected) {
        assertThat(matches(
                        Change.of("comment_includes_word", text), condition("comment_includes_word", operator, words)))
                .isEqualTo(expected);
    }

    @Test
    void anIdIsANumberOrItsDigitsAndEmptyMeansNone() {
        Change inGroup = Change.of("group_id", 12L);
        Map<String, Object> none = new HashMap<>();
        none.put("group_id", null);
        Change noGroup = new Change(none, new HashMap<>(none));

        assertThat(matches(inGroup, condition("group_id", "is", 12L))).isTrue();
        assertThat(matches(inGroup, condition("group_id", "is", "12"))).isTrue();
        assertThat(matches(inGroup, condition("group_id", "is", ""))).isFalse();
        assertThat(matches(noGroup, condition("group_id", "is", ""))).isTrue();
        assertThat(matches(noGroup, condition("group_id", "is_not", 12L))).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2}: 422 naming {3}")
    @CsvSource({
        "priority,    is,           high,    conditions.all[1].field",
        "status,      includes,     open,    conditions.all[1].operator",
        "status,      is,           opened,  conditions.all[1].value",
        "status,      less_than,    ,        conditions.all[1].value",
        "group_id,    is,           twelve,  conditions.all[1].value",
        "group_id,    is,           -3,      conditions.all[1].value",
        "current_tags, includes,    '  ',    conditions.all[1].value",
        "update_type, is_not,       Create,  conditions.all[1].operator",
        "role,        is,           owner,   conditions.all[1].value",
        ",            is,           open,    conditions.all[1].field",
        "status,      ,             open,    conditions.all[1].operator",
    })
    void aConditionTheLanguageLacksIsRefusedNamingItsPlace(String field, String operator, String value, String named) {
        Conditions conditions = new Conditions(
                List.of(condition("status", "is", "open"), condition(field, operator, value)), List.of());

        assertThatThrownBy(() -> TRIGGERS.compile(conditions, "conditions"))
                .isInstanceOfSatisfying(RecordInvalid.class, refused -> assertThat(refused.details())
                        .containsOnlyKeys(named));
    }

    @Test
    void theRefusalSaysWhatTheFieldTakes() {
        RecordInvalid refused = refusal(new Conditions(List.of(), List.of(condition("status", "includes", "open"))));

        assertThat(refused.details())
                .containsEntry(
                        "conditions.any[0].operator",
                        List.of("must be one of is, is_not, less_than, greater_than, changed, value, value_previous, "
                                + "not_changed"));
        assertThat(refusal(new Conditions(List.of(condition("type", "is", "bug")), List.of()))
                        .details())
                .containsEntry("conditions.all[0].value", List.of("must be one of question, incident, problem, task"));
    }

    @Test
    void atMostFiftyConditionsEachAndNoNullOne() {
        List<Condition> many = new ArrayList<>(Collections.nCopies(51, condition("status", "is", "open")));
        List<Condition> withNull = new ArrayList<>();
        withNull.add(null);

        assertThat(refusal(new Conditions(many, List.of())).details()).containsOnlyKeys("conditions.all");
        assertThat(refusal(new Conditions(List.of(), withNull)).details()).containsOnlyKeys("conditions.any[0]");
        assertThat(TRIGGERS.compile(new Conditions(many.subList(0, 50), List.of()), "conditions")
                        .test(Change.of("status", "open")))
                .isTrue();
    }

    private static RecordInvalid refusal(Conditions conditions) {
        try {
            TRIGGERS.compile(conditions, "conditions");
        } catch (RecordInvalid refused) {
            return refused;
        }
        throw new AssertionError("not refused: " + conditions);
    }

    @Test
    void factsHoldWhenTheValueIsAmongThem_andIdsMayNameAnotherOfTheSubjectsIds() {
        ConditionLanguage language = new ConditionLanguage(List.of(
                Field.facts("comment_is_public", "true", "false", "not_relevant"),
                Field.id("assignee_id", "current_user")));
        Change change = Change.of(
                "comment_is_public", java.util.Set.of("true", "not_relevant"), "assignee_id", 7L, "current_user", 7L);

        assertThat(language.compile(
                                new Conditions(
                                        List.of(condition("comment_is_public", "is", "not_relevant")), List.of()),
                                "c")
                        .test(change))
                .isTrue();
        assertThat(language.compile(
                                new Conditions(List.of(condition("comment_is_public", "is", "false")), List.of()), "c")
                        .test(change))
                .isFalse();
        assertThat(language.compile(
                                new Conditions(List.of(condition("assignee_id", "is", "current_user")), List.of()), "c")
                        .test(change))
                .isTrue();
        assertThat(language.compile(
                                new Conditions(List.of(condition("assignee_id", "is_not", "current_user")), List.of()),
                                "c")
                        .test(change.was("current_user", 7L)))
                .isFalse();
    }

    @Test
    void fieldsNamedByAPatternComeFromTheLanguagesOwnerAndAreComparedAsText() {
        ConditionLanguage language = new ConditionLanguage(
                List.of(), "custom_fields_<id>", name -> name.startsWith("custom_fields_") ? Field.any(name) : null);
        Change change = Change.of("custom_fields_5", "42").was("custom_fields_5", null);

        assertThat(language.compile(new Conditions(List.of(condition("custom_fields_5", "value", 42L)), List.of()), "c")
                        .test(change))
                .isTrue();
        assertThat(language.compile(new Conditions(List.of(condition("custom_fields_5", "is", "")), List.of()), "c")
                        .test(change))
                .isFalse();
        RecordInvalid refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                RecordInvalid.class,
                () -> language.compile(new Conditions(List.of(condition("other", "is", "x")), List.of()), "c"));
        assertThat(refused.details()).containsKey("c.all[0].field");
        assertThat(refused.details().get("c.all[0].field").get(0)).contains("custom_fields_<id>");
    }
}

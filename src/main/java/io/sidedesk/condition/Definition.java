package io.sidedesk.condition;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;

/**
 * One condition (or action) a kind of rule understands, as its {@code definitions} endpoint lists it: its
 * {@code subject} (field), operators and values, in Zendesk's shape.
 */
@Schema(name = "RuleDefinition")
public record Definition(
        String subject,
        String title,
        String type,
        boolean nullable,
        boolean repeatable,
        @MayBeNull List<OperatorDefinition> operators,
        @MayBeNull List<Value> values) {

    /** {@code terminal}: the operator takes no value. */
    @Schema(name = "RuleOperatorDefinition")
    public record OperatorDefinition(String value, String title, boolean terminal) {}

    @Schema(name = "RuleValueDefinition")
    public record Value(String value, String title, boolean enabled) {}

    /** The conditions of a language, in its order. */
    public static List<Definition> conditions(ConditionLanguage language) {
        return language.fields().stream().map(Definition::condition).toList();
    }

    /** A field as a condition: its operators, and its values when it takes one of a list. */
    public static Definition condition(Field field) {
        List<OperatorDefinition> operators = field.operators().stream()
                .sorted()
                .map(operator ->
                        new OperatorDefinition(operator.wire(), title(operator.wire()), !operator.takesValue()))
                .toList();
        List<String> values = field.values();
        String type = values == null
                ? "text"
                : field.name().endsWith("_id") && !field.name().startsWith("via") ? "id" : "list";
        return new Definition(
                field.name(), title(field.name()), type, nullable(values), true, operators, values(values));
    }

    /** An action: no operators, and its values when it takes one of a list ({@code ""} among them: nullable). */
    public static Definition action(String name, String type, List<String> values) {
        return new Definition(name, title(name), type, nullable(values), true, null, values(values));
    }

    private static boolean nullable(List<String> values) {
        return values != null && values.contains("");
    }

    private static List<Value> values(List<String> values) {
        return values == null
                ? null
                : values.stream()
                        .map(value -> new Value(value, value.isEmpty() ? "-" : title(value), true))
                        .toList();
    }

    /** {@code assignee_id} → "Assignee id". */
    private static String title(String name) {
        String words = name.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}

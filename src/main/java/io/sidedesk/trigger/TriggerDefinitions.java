package io.sidedesk.trigger;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.condition.Field;
import io.sidedesk.web.MayBeNull;

/** {@code GET /api/v2/triggers/definitions}: the conditions and actions triggers understand, in Zendesk's shape. */
@Schema(name = "TriggerDefinitions")
record TriggerDefinitions(List<Definition> actions, List<Definition> conditionsAll, List<Definition> conditionsAny) {

    /** One condition or action: its {@code subject} (field), operators and values. */
    @Schema(name = "TriggerDefinition")
    record Definition(
            String subject,
            String title,
            String type,
            boolean nullable,
            boolean repeatable,
            @MayBeNull List<OperatorDefinition> operators,
            @MayBeNull List<Value> values) {}

    /** {@code terminal}: the operator takes no value. */
    @Schema(name = "TriggerOperatorDefinition")
    record OperatorDefinition(String value, String title, boolean terminal) {}

    @Schema(name = "TriggerValueDefinition")
    record Value(String value, String title, boolean enabled) {}

    @Schema(name = "TriggerDefinitionsResponse")
    record One(TriggerDefinitions definitions) {}

    static TriggerDefinitions of() {
        List<Definition> conditions = TriggerLanguage.CONDITIONS.fields().stream()
                .map(TriggerDefinitions::condition)
                .toList();
        List<Definition> actions = TriggerLanguage.ACTIONS.entrySet().stream()
                .map(TriggerDefinitions::action)
                .toList();
        return new TriggerDefinitions(actions, conditions, conditions);
    }

    private static Definition condition(Field field) {
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
                field.name(),
                title(field.name()),
                type,
                values != null && values.contains(""),
                true,
                operators,
                values == null ? null : values(values));
    }

    private static Definition action(Map.Entry<String, List<String>> action) {
        String name = action.getKey();
        String type = name.startsWith("notification_") ? "list_and_text" : name.endsWith("tags") ? "text" : "list";
        List<String> values = action.getValue();
        return new Definition(
                name,
                title(name),
                type,
                values != null && values.contains(""),
                true,
                null,
                values == null ? null : values(values));
    }

    private static List<Value> values(List<String> values) {
        return values.stream()
                .map(value -> new Value(value, value.isEmpty() ? "-" : title(value), true))
                .toList();
    }

    /** {@code assignee_id} → "Assignee id". */
    private static String title(String name) {
        String words = name.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}

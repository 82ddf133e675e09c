package io.sidedesk.trigger;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.condition.Definition;

/** {@code GET /api/v2/triggers/definitions}: the conditions and actions triggers understand, in Zendesk's shape. */
@Schema(name = "TriggerDefinitions")
record TriggerDefinitions(List<Definition> actions, List<Definition> conditionsAll, List<Definition> conditionsAny) {

    @Schema(name = "TriggerDefinitionsResponse")
    record One(TriggerDefinitions definitions) {}

    static TriggerDefinitions of() {
        List<Definition> conditions = Definition.conditions(TriggerLanguage.CONDITIONS);
        List<Definition> actions = TriggerLanguage.ACTIONS.entrySet().stream()
                .map(action -> Definition.action(action.getKey(), type(action.getKey()), action.getValue()))
                .toList();
        return new TriggerDefinitions(actions, conditions, conditions);
    }

    private static String type(String action) {
        return action.startsWith("notification_") ? "list_and_text" : action.endsWith("tags") ? "text" : "list";
    }
}

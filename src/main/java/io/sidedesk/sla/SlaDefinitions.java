package io.sidedesk.sla;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.condition.Definition;

/** {@code GET /api/v2/slas/policies/definitions}: the conditions a policy's filter understands, in Zendesk's shape. */
@Schema(name = "SlaPolicyDefinitions")
record SlaDefinitions(List<Definition> all, List<Definition> any) {

    @Schema(name = "SlaPolicyDefinitionsResponse")
    record One(SlaDefinitions definitions) {}

    static SlaDefinitions of() {
        List<Definition> conditions = Definition.conditions(SlaLanguage.FILTER);
        return new SlaDefinitions(conditions, conditions);
    }
}

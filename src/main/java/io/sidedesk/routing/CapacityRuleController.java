package io.sidedesk.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/capacity/rules")
@Tag(name = OpenApiConfiguration.ROUTING)
class CapacityRuleController {

    private final CapacityRules rules;

    CapacityRuleController(CapacityRules rules) {
        this.rules = rules;
    }

    @GetMapping
    @Operation(
            operationId = "listCapacityRules",
            summary = "Capacity rules (admins): the default first, then by name; at most 100")
    CapacityRuleView.Many list(@AuthenticationPrincipal Actor actor) {
        return rules.list(actor);
    }

    @GetMapping("/{capacity_rule_id}")
    @Operation(operationId = "showCapacityRule", summary = "Show a capacity rule (admins)")
    CapacityRuleView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("capacity_rule_id") long id) {
        return new CapacityRuleView.One(rules.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"capacity_rule\": {\"name\": \"Billing seniors\", \"capacities\": {\"email\": 8}, "
                    + "\"agent_ids\": [12]}}",
            required = {"capacity_rule.name", "capacity_rule.capacities.email"})
    @Operation(
            operationId = "createCapacityRule",
            summary = "Create a capacity rule (admins): the agents it names leave any other rule")
    CapacityRuleView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody CapacityRuleRequest request) {
        return new CapacityRuleView.One(rules.create(actor, request.capacityRule()));
    }

    @PutMapping("/{capacity_rule_id}")
    @RequestDoc(example = "{\"capacity_rule\": {\"capacities\": {\"email\": 10}}}")
    @Operation(
            operationId = "updateCapacityRule",
            summary = "Change a capacity rule (admins): only the members sent change; default: true makes it the "
                    + "default")
    CapacityRuleView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("capacity_rule_id") long id,
            @Valid @RequestBody CapacityRuleRequest request) {
        return new CapacityRuleView.One(rules.update(actor, id, request.capacityRule()));
    }

    @DeleteMapping("/{capacity_rule_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteCapacityRule",
            summary = "Delete a capacity rule (admins; never the default): its agents fall back to the default")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("capacity_rule_id") long id) {
        rules.delete(actor, id);
    }
}

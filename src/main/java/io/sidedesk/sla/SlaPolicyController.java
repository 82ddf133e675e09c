package io.sidedesk.sla;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

/** {@code /api/v2/slas/policies}: agents read, admins write. */
@RestController
@RequestMapping("/api/v2/slas/policies")
@Tag(name = OpenApiConfiguration.SLA_POLICIES)
class SlaPolicyController {

    private static final String EXAMPLE = "{\"sla_policy\": {\"title\": \"Billing answers side conversations\", "
            + "\"description\": \"An OLA: how fast Billing answers the agents who ask\", "
            + "\"filter\": {\"all\": [{\"field\": \"via_id\", \"operator\": \"is\", \"value\": 100}, "
            + "{\"field\": \"group_id\", \"operator\": \"is\", \"value\": 81}], \"any\": []}, "
            + "\"policy_metrics\": [{\"priority\": \"normal\", \"metric\": \"first_reply_time\", \"target\": 240, "
            + "\"business_hours\": false}]}}";

    private final SlaPolicies policies;

    SlaPolicyController(SlaPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    @ListOf(value = "sla_policies", of = SlaPolicyView.class)
    @Operation(operationId = "listSlaPolicies", summary = "List SLA policies, in matching order (agents and admins)")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return policies.list(actor, paging).body("sla_policies");
    }

    @GetMapping("/definitions")
    @Operation(
            operationId = "showSlaPolicyDefinitions",
            summary = "The conditions a policy's filter understands, with their operators and values")
    SlaDefinitions.One definitions(@AuthenticationPrincipal Actor actor) {
        actor.requireStaff();
        return new SlaDefinitions.One(SlaDefinitions.of());
    }

    @GetMapping("/{sla_policy_id}")
    @Operation(operationId = "showSlaPolicy", summary = "Show an SLA policy")
    SlaPolicyView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("sla_policy_id") long id) {
        return new SlaPolicyView.One(policies.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = EXAMPLE,
            required = {"sla_policy.title", "sla_policy.filter"})
    @Operation(
            operationId = "createSlaPolicy",
            summary = "Create an SLA policy (admins); last unless a position is given")
    SlaPolicyView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody SlaPolicyRequest.One request) {
        return new SlaPolicyView.One(policies.create(actor, request.slaPolicy()));
    }

    @PutMapping("/{sla_policy_id}")
    @RequestDoc(example = "{\"sla_policy\": {\"title\": \"Billing OLA\", \"position\": 1}}")
    @Operation(operationId = "updateSlaPolicy", summary = "Change an SLA policy (admins): only the members sent")
    SlaPolicyView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("sla_policy_id") long id,
            @Valid @RequestBody SlaPolicyRequest.One request) {
        return new SlaPolicyView.One(policies.update(actor, id, request.slaPolicy()));
    }

    @DeleteMapping("/{sla_policy_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteSlaPolicy", summary = "Delete an SLA policy (admins)")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("sla_policy_id") long id) {
        policies.delete(actor, id);
    }

    @PutMapping("/reorder")
    @RequestDoc(
            example = "{\"sla_policy_ids\": [12, 3, 7]}",
            required = {"sla_policy_ids"})
    @ListOf(value = "sla_policies", of = SlaPolicyView.class)
    @Operation(
            operationId = "reorderSlaPolicies",
            summary = "Put SLA policies in this order, first first (admins); those not named follow")
    @ApiResponse(responseCode = "200", description = "Every SLA policy, in the new order")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/404")
    ListPage.Body reorder(@AuthenticationPrincipal Actor actor, @Valid @RequestBody SlaPolicyRequest.Reorder request) {
        return policies.reorder(actor, request.slaPolicyIds()).body("sla_policies");
    }
}

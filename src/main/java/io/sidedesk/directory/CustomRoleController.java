package io.sidedesk.directory;

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
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/custom_roles")
@Tag(name = OpenApiConfiguration.PEOPLE)
class CustomRoleController {

    private final CustomRoles roles;

    CustomRoleController(CustomRoles roles) {
        this.roles = roles;
    }

    @GetMapping
    @ListOf(value = "custom_roles", of = CustomRoleView.class)
    @Operation(operationId = "listCustomRoles", summary = "List custom roles (agents and admins)")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return roles.list(actor, paging).body("custom_roles");
    }

    @GetMapping("/{custom_role_id}")
    @Operation(operationId = "showCustomRole", summary = "Show a custom role")
    CustomRoleView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("custom_role_id") long id) {
        return new CustomRoleView.One(roles.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"custom_role\": {\"name\": \"Billing light agent\", \"role_type\": 1, "
                    + "\"configuration\": {\"side_conversation_create\": true}}}",
            required = {"custom_role.name"})
    @Operation(
            operationId = "createCustomRole",
            summary = "Create a custom role (admins); role_type 1 makes light agents")
    CustomRoleView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody CustomRoleRequest request) {
        return new CustomRoleView.One(roles.create(actor, request.customRole()));
    }

    @PutMapping("/{custom_role_id}")
    @RequestDoc(example = "{\"custom_role\": {\"description\": \"Reads tickets and answers side conversations\"}}")
    @Operation(
            operationId = "updateCustomRole",
            summary = "Update a custom role (admins)",
            description = "Making it a light agent role (`role_type` 1) unassigns its agents' unsolved tickets; "
                    + "`unassigned_tickets` says how many.")
    CustomRoleView.CustomRoleChanged update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("custom_role_id") long id,
            @Valid @RequestBody CustomRoleRequest request) {
        return roles.update(actor, id, request.customRole());
    }

    @DeleteMapping("/{custom_role_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteCustomRole", summary = "Delete a custom role no agent holds (admins)")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("custom_role_id") long id) {
        roles.delete(actor, id);
    }
}

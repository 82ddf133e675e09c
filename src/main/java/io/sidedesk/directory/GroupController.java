package io.sidedesk.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/groups")
@Tag(name = OpenApiConfiguration.PEOPLE)
class GroupController {

    private final Groups groups;
    private final Memberships memberships;

    GroupController(Groups groups, Memberships memberships) {
        this.groups = groups;
        this.memberships = memberships;
    }

    @GetMapping
    @ListOf(value = "groups", of = GroupView.class)
    @Operation(operationId = "listGroups", summary = "List groups: admins see all, agents public groups and their own")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return groups.list(actor, paging).body("groups");
    }

    @GetMapping("/assignable")
    @ListOf(value = "groups", of = GroupView.class)
    @Operation(operationId = "listAssignableGroups", summary = "Groups the caller may assign tickets to")
    ListPage.Body assignable(@AuthenticationPrincipal Actor actor, Paging paging) {
        return groups.assignable(actor, paging).body("groups");
    }

    @GetMapping("/{group_id}")
    @Operation(operationId = "showGroup", summary = "Show a group")
    GroupView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("group_id") long id) {
        return new GroupView.One(groups.show(actor, id));
    }

    @GetMapping("/{group_id}/memberships")
    @ListOf(value = "group_memberships", of = MembershipView.class)
    @Operation(operationId = "listMembershipsOfGroup", summary = "The group's memberships")
    ListPage.Body memberships(@AuthenticationPrincipal Actor actor, @PathVariable("group_id") long id, Paging paging) {
        return memberships.list(actor, null, id, paging).body("group_memberships");
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"group\": {\"name\": \"Billing\", \"description\": \"Refunds and invoices\"}}",
            required = {"group.name"})
    @Operation(operationId = "createGroup", summary = "Create a group (admins)")
    GroupView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody GroupRequest request) {
        return new GroupView.One(groups.create(actor, request.group()));
    }

    @PutMapping("/{group_id}")
    @RequestDoc(example = "{\"group\": {\"description\": \"Refunds, invoices and payment plans\"}}")
    @Operation(operationId = "updateGroup", summary = "Update a group (admins); a private group never becomes public")
    GroupView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("group_id") long id,
            @Valid @RequestBody GroupRequest request) {
        return new GroupView.One(groups.update(actor, id, request.group()));
    }

    @DeleteMapping("/{group_id}")
    @Operation(
            operationId = "deleteGroup",
            summary = "Delete a group (admins) and its memberships",
            description = "A group with unsolved tickets (new, open, pending, on-hold) is deleted only with "
                    + "`move_to_group_id`: its unsolved tickets move there, and those whose assignee is not a member "
                    + "of it are unassigned. Without it, such a group is a 422 naming how many tickets it has. "
                    + "Solved and closed tickets keep the deleted group.")
    @ApiResponse(
            responseCode = "204",
            description = "Deleted",
            headers = {
                @Header(
                        name = DirectoryHeaders.MOVED_TICKETS,
                        description = "How many tickets moved",
                        schema = @Schema(type = "integer")),
                @Header(
                        name = DirectoryHeaders.UNASSIGNED_TICKETS,
                        description = "How many of them lost their assignee",
                        schema = @Schema(type = "integer"))
            })
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("group_id") long id,
            @Parameter(description = "The group that takes the deleted group's unsolved tickets")
                    @RequestParam(name = "move_to_group_id", required = false)
                    Long moveToGroupId) {
        Groups.Deletion deletion = groups.delete(actor, id, moveToGroupId);
        return ResponseEntity.noContent()
                .header(DirectoryHeaders.MOVED_TICKETS, String.valueOf(deletion.movedTickets()))
                .header(DirectoryHeaders.UNASSIGNED_TICKETS, String.valueOf(deletion.unassignedTickets()))
                .build();
    }
}

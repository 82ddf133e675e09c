package io.sidedesk.directory;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@Tag(name = OpenApiConfiguration.PEOPLE)
class MembershipController {

    private final Memberships memberships;

    MembershipController(Memberships memberships) {
        this.memberships = memberships;
    }

    @GetMapping("/api/v2/group_memberships")
    @ListOf(value = "group_memberships", of = MembershipView.class)
    @Operation(operationId = "listGroupMemberships", summary = "List group memberships")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return memberships.list(actor, null, null, paging).body("group_memberships");
    }

    @GetMapping("/api/v2/users/{user_id}/group_memberships")
    @ListOf(value = "group_memberships", of = MembershipView.class)
    @Operation(operationId = "listMembershipsOfUser", summary = "A user's group memberships")
    ListPage.Body ofUser(@AuthenticationPrincipal Actor actor, @PathVariable("user_id") long userId, Paging paging) {
        return memberships.list(actor, userId, null, paging).body("group_memberships");
    }

    @GetMapping("/api/v2/group_memberships/{group_membership_id}")
    @Operation(operationId = "showGroupMembership", summary = "Show a group membership")
    MembershipView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("group_membership_id") long id) {
        return new MembershipView.One(memberships.show(actor, id));
    }

    @PostMapping("/api/v2/group_memberships")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"group_membership\": {\"user_id\": 1, \"group_id\": 1}}",
            required = {"group_membership.user_id", "group_membership.group_id"})
    @Operation(operationId = "createGroupMembership", summary = "Add an agent or admin to a group (admins)")
    MembershipView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody MembershipRequest request) {
        return new MembershipView.One(memberships.create(actor, request.groupMembership()));
    }

    @PostMapping("/api/v2/users/{user_id}/group_memberships")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"group_membership\": {\"group_id\": 1}}",
            required = {"group_membership.group_id"})
    @Operation(operationId = "createMembershipOfUser", summary = "Add the user to a group (admins)")
    MembershipView.One createForUser(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long userId,
            @Valid @RequestBody MembershipRequest request) {
        MembershipRequest.Fields fields = request.groupMembership();
        return new MembershipView.One(memberships.create(
                actor, new MembershipRequest.Fields(userId, fields.groupId(), fields.defaultGroup())));
    }

    @PutMapping("/api/v2/users/{user_id}/group_memberships/{group_membership_id}/make_default")
    @Operation(
            operationId = "makeDefaultGroupMembership",
            summary = "Make this membership the user's default group (admins)")
    Listed makeDefault(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long userId,
            @PathVariable("group_membership_id") long id) {
        return new Listed(memberships.makeDefault(actor, userId, id));
    }

    @DeleteMapping("/api/v2/group_memberships/{group_membership_id}")
    @Operation(
            operationId = "deleteGroupMembership",
            summary = "Remove a group membership (admins)",
            description = "The user's unsolved tickets in the group are unassigned (they stay in the group); the `"
                    + DirectoryHeaders.UNASSIGNED_TICKETS + "` header says how many.")
    @ApiResponse(
            responseCode = "204",
            description = "Removed",
            headers =
                    @Header(
                            name = DirectoryHeaders.UNASSIGNED_TICKETS,
                            description = "How many tickets were unassigned",
                            schema = @Schema(type = "integer")))
    ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable("group_membership_id") long id) {
        int unassigned = memberships.delete(actor, id);
        return ResponseEntity.noContent()
                .header(DirectoryHeaders.UNASSIGNED_TICKETS, String.valueOf(unassigned))
                .build();
    }

    @DeleteMapping("/api/v2/users/{user_id}/group_memberships/{group_membership_id}")
    @Operation(
            operationId = "deleteMembershipOfUser",
            summary = "Remove one of the user's group memberships (admins)",
            description = "As `DELETE /api/v2/group_memberships/{group_membership_id}`; a membership of another "
                    + "user is a 404.")
    @ApiResponse(
            responseCode = "204",
            description = "Removed",
            headers =
                    @Header(
                            name = DirectoryHeaders.UNASSIGNED_TICKETS,
                            description = "How many tickets were unassigned",
                            schema = @Schema(type = "integer")))
    ResponseEntity<Void> deleteOfUser(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long userId,
            @PathVariable("group_membership_id") long id) {
        int unassigned = memberships.delete(actor, id, userId);
        return ResponseEntity.noContent()
                .header(DirectoryHeaders.UNASSIGNED_TICKETS, String.valueOf(unassigned))
                .build();
    }

    @Schema(name = "GroupMembershipListResponse")
    record Listed(List<MembershipView> groupMemberships) {}
}

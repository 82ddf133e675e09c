package io.sidedesk.settings;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.NoNulls;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/account/settings")
@Tag(name = OpenApiConfiguration.SETTINGS)
class SettingsController {

    private final Settings settings;

    SettingsController(Settings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(operationId = "showAccountSettings", summary = "The account's settings (agents and admins)")
    Body show(@AuthenticationPrincipal Actor actor) {
        return Body.of(settings.show(actor));
    }

    @PutMapping
    @RequestDoc(
            example = "{\"settings\": {\"side_conversations\": {\"tickets_channel\": true}}}",
            required = {"settings"})
    @Operation(
            operationId = "updateAccountSettings",
            summary = "Change settings (admins): only the keys sent change",
            description = "Body: {\"settings\": {\"side_conversations\": {\"tickets_channel\": true, ...}, "
                    + "\"routing\": {\"enabled\": true, ...}}}: one section or both")
    Body change(
            @AuthenticationPrincipal Actor actor,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = Change.class)))
                    @RequestBody
                    JsonNode body) {
        return Body.of(settings.change(actor, body));
    }

    @Schema(name = "AccountSettings")
    record Body(Sections settings) {

        static Body of(Settings.Sections sections) {
            return new Body(new Sections(sections.sideConversations(), sections.routing()));
        }
    }

    @Schema(name = "AccountSettingsSections")
    record Sections(SideConversationSettings sideConversations, RoutingSettings routing) {}

    // What a change may send (Settings reads the body itself, key by key): only the keys sent change; none may be
    // null and no other key is accepted (422).

    @NoNulls
    @Schema(name = "AccountSettingsRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Change(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            ChangeSections settings) {}

    @NoNulls
    @Schema(name = "AccountSettingsRequestSections", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ChangeSections(SideConversationChanges sideConversations, RoutingChanges routing) {}

    @NoNulls
    @Schema(name = "SideConversationSettingsChanges", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record SideConversationChanges(
            Boolean ticketsChannel,

            @Schema(description = "Email side conversations are not built: only false is accepted")
            Boolean emailChannel,

            CommentType childTicketCommentType,
            Boolean childTicketStatusUpdates,
            Set<CopyField> childTicketDefaultCopyFields,

            @Schema(description = "B1: a parent cannot be solved while a linked child is unsolved (a 422 naming them)")
            Boolean parentSolveRequiresChildrenSolved,

            @Schema(description = "B1: solving a parent solves its linked unsolved children in the same write")
            Boolean solveChildrenWithParent,

            @Schema(description = "B1: a linked child reopening reopens its solved (not closed) parent")
            Boolean reopenParentWhenChildReopens,

            @Schema(description = "B1: the parent's assignee gets one email when its last linked child is solved")
            Boolean notifyParentAssigneeWhenChildrenDone) {}

    @NoNulls
    @Schema(name = "RoutingSettingsChanges", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record RoutingChanges(
            Boolean enabled,
            AssignmentMethod assignmentMethod,

            @Schema(
                    description = "null: every ticket is routed; a tag: only tickets carrying it (and child tickets)",
                    maxLength = 255)
            @MayBeNull
            String routingTag,

            Boolean countPendingAndOnHold,
            Boolean reassignWhenOffline,
            Boolean reassignWhenAway,
            @Schema(minimum = "0", maximum = "86400") Integer reassignDelaySeconds,
            Boolean reassignReopened,
            @Schema(minimum = "0", maximum = "86400") Integer secondaryGroupWaitSeconds) {}
}

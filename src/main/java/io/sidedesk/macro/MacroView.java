package io.sidedesk.macro;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.directory.Restriction;
import io.sidedesk.ticket.CommentBody;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** A macro as the API shows it. */
@Schema(name = "Macro")
record MacroView(
        @ReadOnly long id,
        @ReadOnly String url,
        String title,
        @ReadOnly String rawTitle,
        @MayBeNull String description,
        boolean active,
        int position,
        @ReadOnly @JsonProperty("default") boolean isDefault,

        @MayBeNull @Schema(description = "Who may use it; null: every agent")
        Restriction.View restriction,

        @JsonRawValue
        @ArraySchema(
                schema =
                        @Schema(
                                types = "object",
                                description = "`{field, value}` (GET /api/v2/macros/actions lists them)"))
        String actions,

        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    /**
     * The macro as {@code reader} may see it: a group restriction, and its actions, name only the groups they may
     * know of (R22: a private group they are not in does not exist for them; admins see every group). An action that
     * names such a group is left out of what they read; applying the macro refuses it as a missing group.
     */
    static MacroView of(Macro macro, java.util.Set<Long> hiddenGroups) {
        return new MacroView(
                macro.getId(),
                ApiUrls.of("macros", macro.getId()),
                macro.getTitle(),
                macro.getTitle(),
                macro.getDescription(),
                macro.isActive(),
                macro.getPosition(),
                false,
                Restriction.View.of(macro.restriction(), hiddenGroups),
                shownActions(macro.getActions(), hiddenGroups),
                macro.getCreatedAt(),
                macro.getUpdatedAt());
    }

    private static final tools.jackson.databind.json.JsonMapper TREES =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** The stored actions without those that name a hidden group ({@code group_id}, a side conversation's group). */
    private static String shownActions(String actions, java.util.Set<Long> hiddenGroups) {
        if (hiddenGroups.isEmpty()) {
            return actions;
        }
        tools.jackson.databind.JsonNode all = TREES.readTree(actions);
        tools.jackson.databind.node.ArrayNode shown = TREES.createArrayNode();
        all.forEach(action -> {
            if (!namesAnyOf(action, hiddenGroups)) {
                shown.add(action);
            }
        });
        return shown.size() == all.size() ? actions : TREES.writeValueAsString(shown);
    }

    private static boolean namesAnyOf(tools.jackson.databind.JsonNode action, java.util.Set<Long> groups) {
        String field = action.path("field").asString("");
        tools.jackson.databind.JsonNode value = action.path("value");
        if (field.equals("group_id")) {
            String id = value.asString("");
            return id.matches("[1-9][0-9]{0,17}") && groups.contains(Long.parseLong(id));
        }
        if (field.equals("side_conversation_ticket") && value.isArray()) {
            java.util.regex.Matcher group =
                    MacroLanguage.ASSIGNABLE.matcher(value.path(2).asString(""));
            return group.matches() && groups.contains(Long.parseLong(group.group(1)));
        }
        return false;
    }

    @Schema(name = "MacroResponse")
    record One(MacroView macro) {}

    @Schema(name = "MacroCategories")
    record Categories(List<String> categories) {}

    /** {@code GET .../apply}: {@code {"result": {"ticket": {...}, "side_conversations": [...]}}}. */
    @Schema(name = "MacroApplyResponse")
    record Applied(Result result) {

        @Schema(name = "MacroApplyResult")
        record Result(
                @Schema(
                        types = "object",
                        description = "The members the macro sets, placeholders rendered (with a ticket, its "
                                + "`id`); `comment` as `{body, html_body, public, scoped_body}`")
                Map<String, Object> ticket,

                List<SideConversation> sideConversations) {}

        /** A side conversation applying the macro would open (R16: checked then as one sent by hand). */
        @Schema(name = "MacroApplySideConversation")
        record SideConversation(
                String subject, String body, @MayBeNull String htmlBody, List<To> to) {}

        @Schema(name = "MacroApplySideConversationTo")
        record To(long supportGroupId, @MayBeNull Long supportAgentId) {}

        static Applied of(Ticket ticket, MacroEffects.Effect effect, boolean publicByDefault) {
            Map<String, Object> shown = new LinkedHashMap<>();
            if (ticket != null) {
                shown.put("id", ticket.getId());
            }
            effect.ticket().forEach((member, value) -> {
                if (!member.equals("comment")) {
                    shown.put(member, value);
                }
            });
            if (effect.ticket().get("comment") instanceof Map<?, ?> comment) {
                CommentBody body =
                        CommentBody.of((String) comment.get("body"), (String) comment.get("html_body"), "comment");
                Map<String, Object> shownComment = new LinkedHashMap<>();
                shownComment.put("body", body.body());
                shownComment.put("html_body", body.htmlBody());
                shownComment.put("public", comment.containsKey("public") ? comment.get("public") : publicByDefault);
                shownComment.put("scoped_body", List.of(List.of("channel:all", body.body())));
                shown.put("comment", shownComment);
            }
            List<SideConversation> opened = effect.openings().stream()
                    .map(opening -> {
                        CommentBody body = CommentBody.of(
                                opening.html() ? null : opening.body(),
                                opening.html() ? opening.body() : null,
                                opening.place());
                        return new SideConversation(
                                opening.subject() != null
                                        ? opening.subject()
                                        : ticket != null ? ticket.getSubject() : "",
                                body.body(),
                                opening.html() ? body.htmlBody() : null,
                                List.of(new To(opening.groupId(), opening.agentId())));
                    })
                    .toList();
            return new Applied(new Result(shown, opened));
        }
    }
}

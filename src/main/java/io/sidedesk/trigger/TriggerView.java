package io.sidedesk.trigger;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** A trigger as the API shows it. */
@Schema(name = "Trigger")
record TriggerView(
        @ReadOnly long id,
        @ReadOnly String url,
        String title,
        @ReadOnly String rawTitle,
        @MayBeNull String description,
        boolean active,
        int position,
        @MayBeNull String categoryId,
        @ReadOnly @JsonProperty("default") boolean isDefault,

        @JsonRawValue
        @Schema(
                types = "object",
                description = "`{all: [...], any: [...]}` of `{field, operator, value}`: every condition of `all`, "
                        + "and one of `any` if it has any (GET /api/v2/triggers/definitions lists them)")
        String conditions,

        @JsonRawValue @ArraySchema(schema = @Schema(types = "object", description = "`{field, value}`"))
        String actions,

        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    static TriggerView of(Trigger trigger) {
        return new TriggerView(
                trigger.getId(),
                ApiUrls.of("triggers", trigger.getId()),
                trigger.getTitle(),
                trigger.getTitle(),
                trigger.getDescription(),
                trigger.isActive(),
                trigger.getPosition(),
                trigger.getCategoryId(),
                trigger.isDefault(),
                trigger.getConditions(),
                trigger.getActions(),
                trigger.getCreatedAt(),
                trigger.getUpdatedAt());
    }

    @Schema(name = "TriggerResponse")
    record One(TriggerView trigger) {}

    /** One revision: who wrote the trigger when, and what it then was. */
    @Schema(name = "TriggerRevision")
    record Revision(
            long id,
            String url,
            @MayBeNull Long authorId,
            Instant createdAt,

            @JsonRawValue @Schema(types = "object", description = "`{title, description, active, conditions, actions}`")
            String snapshot) {

        static Revision of(TriggerRevision revision) {
            return new Revision(
                    revision.getId(),
                    ApiUrls.of("triggers/" + revision.getTriggerId() + "/revisions", revision.getId()),
                    revision.getAuthorId(),
                    revision.getCreatedAt(),
                    revision.getSnapshot());
        }
    }

    @Schema(name = "TriggerRevisionResponse")
    record OneRevision(Revision triggerRevision) {}
}

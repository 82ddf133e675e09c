package io.sidedesk.directory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

@Schema(name = "Group")
record GroupView(
        @ReadOnly long id,
        @ReadOnly String url,
        String name,
        @MayBeNull String description,
        boolean isPublic,
        @JsonProperty("default") boolean defaultGroup,
        @ReadOnly boolean deleted,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    static GroupView of(Group group) {
        return new GroupView(
                group.getId(),
                ApiUrls.of("groups", group.getId()),
                group.getName(),
                group.getDescription(),
                group.isPublic(),
                group.isDefaultGroup(),
                group.isDeleted(),
                group.getCreatedAt(),
                group.getUpdatedAt());
    }

    @Schema(name = "GroupResponse")
    record One(GroupView group) {}
}

package io.sidedesk.directory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.sidedesk.web.ApiUrls;

record GroupView(long id, String url, String name, String description, boolean isPublic,
        @JsonProperty("default") boolean defaultGroup, boolean deleted, Instant createdAt, Instant updatedAt) {

    static GroupView of(Group group) {
        return new GroupView(group.getId(), ApiUrls.of("groups", group.getId()), group.getName(),
                group.getDescription(), group.isPublic(), group.isDefaultGroup(), group.isDeleted(),
                group.getCreatedAt(), group.getUpdatedAt());
    }

    record One(GroupView group) {
    }
}

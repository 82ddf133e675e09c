package io.sidedesk.directory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.sidedesk.web.ApiUrls;

record MembershipView(long id, String url, long userId, long groupId, @JsonProperty("default") boolean defaultGroup,
        Instant createdAt, Instant updatedAt) {

    static MembershipView of(GroupMembership membership) {
        return new MembershipView(membership.getId(), ApiUrls.of("group_memberships", membership.getId()),
                membership.getUserId(), membership.getGroupId(), membership.isDefaultGroup(),
                membership.getCreatedAt(), membership.getUpdatedAt());
    }

    record One(MembershipView groupMembership) {
    }
}

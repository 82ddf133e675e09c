package io.sidedesk.directory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.ReadOnly;

@Schema(name = "GroupMembership")
record MembershipView(
        @ReadOnly long id,
        @ReadOnly String url,
        long userId,
        long groupId,
        @JsonProperty("default") boolean defaultGroup,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    static MembershipView of(GroupMembership membership) {
        return new MembershipView(
                membership.getId(),
                ApiUrls.of("group_memberships", membership.getId()),
                membership.getUserId(),
                membership.getGroupId(),
                membership.isDefaultGroup(),
                membership.getCreatedAt(),
                membership.getUpdatedAt());
    }

    @Schema(name = "GroupMembershipResponse")
    record One(MembershipView groupMembership) {}
}

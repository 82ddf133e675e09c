package io.sidedesk.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.ApiAssertions;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parent's child ticket in a private group tells an agent outside that group nothing of itself (R17): not through a
 * view's {@code child_status}, not through search's {@code child_status} or {@code has_children}. A member of the
 * group, asking the same, finds the parent.
 */
class ChildStatusVisibilityTests extends SideConversationTestSupport {

    private final List<Long> views = new ArrayList<>();

    @AfterEach
    void deleteTheViews() {
        views.forEach(id -> admin().delete("/api/v2/views/" + id));
    }

    @Test
    void aChildInAPrivateGroupIsNoChildToAnAgentOutsideIt_R17() {
        String tag = unique("kid").replace("-", "");
        TestUser outsider = agent();
        TestUser member = agent();
        long privateGroup = group(false);
        membership(member, privateGroup);
        long parent = parentTicket(Map.of("tags", List.of(tag)));
        JsonNode conversation = startedToGroup(admin(), parent, privateGroup);
        assertThat(childOf(conversation)).isPositive();

        long view = view(tag);
        String search = "/api/v2/search?query=tags%3A" + tag + "%20child_status%3Csolved";
        String parents = "/api/v2/search?query=tags%3A" + tag + "%20has_children%3Atrue";

        assertThat(ids(as(member)
                        .get("/api/v2/views/" + view + "/tickets")
                        .json()
                        .get("tickets")))
                .containsExactly(parent);
        assertThat(as(member)
                        .get("/api/v2/views/" + view + "/count")
                        .json()
                        .at("/view_count/value")
                        .asLong())
                .isEqualTo(1);
        assertThat(ids(as(member).get(search).json().get("results"))).containsExactly(parent);
        assertThat(ids(as(member).get(parents).json().get("results"))).containsExactly(parent);

        assertThat(ids(as(outsider)
                        .get("/api/v2/views/" + view + "/tickets")
                        .json()
                        .get("tickets")))
                .isEmpty();
        assertThat(as(outsider)
                        .get("/api/v2/views/" + view + "/count")
                        .json()
                        .at("/view_count/value")
                        .asLong())
                .isZero();
        assertThat(ids(as(outsider).get(search).json().get("results"))).isEmpty();
        assertThat(ids(as(outsider).get(parents).json().get("results"))).isEmpty();
        // The parent itself is the outsider's to see.
        assertThat(as(outsider).get("/api/v2/tickets/" + parent).status()).isEqualTo(200);
    }

    private long view(String tag) {
        long id = admin().post(
                        "/api/v2/views",
                        Map.of(
                                "view",
                                Map.of(
                                        "title",
                                        "Waiting " + tag,
                                        "all",
                                        List.of(
                                                Map.of("field", "current_tags", "operator", "includes", "value", tag),
                                                Map.of(
                                                        "field",
                                                        "child_status",
                                                        "operator",
                                                        "less_than",
                                                        "value",
                                                        "solved")))))
                .json()
                .at("/view/id")
                .asLong();
        views.add(id);
        return id;
    }

    private static List<Long> ids(JsonNode array) {
        return ApiAssertions.ids(array);
    }
}

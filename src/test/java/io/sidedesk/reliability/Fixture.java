package io.sidedesk.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

/**
 * What the reliability scenarios write to, made through the API of one instance: the tickets channel on,
 * a parent team and a child team, and parent tickets each with a child-ticket side conversation addressed to
 * the child team's agent (who starts it, as the link fixture of the HTTP tests does).
 */
final class Fixture {

    /** A parent ticket, its side conversation and the child ticket it created. */
    record Link(
            long parent, String sideConversation, long child, long childGroup, String parentAgent, String childAgent) {

        String path() {
            return "/api/v2/tickets/" + parent + "/side_conversations/" + sideConversation;
        }
    }

    private final long parentGroup;
    private final long childGroup;
    private final String parentAgent;
    private final String childAgent;
    private final long childAgentId;

    /** Turns the tickets channel on and makes the two teams, through {@code instance}. */
    Fixture(ServiceInstance instance) {
        Api admin = instance.admin();
        ok(
                admin.put(
                        "/api/v2/account/settings",
                        Map.of("settings", Map.of("side_conversations", Map.of("tickets_channel", true)))),
                200);
        this.parentGroup = group(admin);
        this.childGroup = group(admin);
        this.parentAgent = agent(admin, parentGroup);
        this.childAgent = agent(admin, childGroup);
        this.childAgentId = ok(instance.as(childAgent).get("/api/v2/users/me"), 200)
                .at("/user/id")
                .asLong();
    }

    /**
     * {@code count} new parent tickets, each with a side conversation whose child is assigned to the child
     * team, made through {@code instance}.
     */
    List<Link> links(ServiceInstance instance, int count) {
        Api admin = instance.admin();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long parent = ok(
                            admin.post(
                                    "/api/v2/tickets",
                                    Map.of(
                                            "ticket",
                                            Map.of(
                                                    "subject",
                                                    unique("parent"),
                                                    "comment",
                                                    Map.of("body", "parent first"),
                                                    "group_id",
                                                    parentGroup))),
                            201)
                    .at("/ticket/id")
                    .asLong();
            JsonNode conversation = ok(
                            instance.as(childAgent)
                                    .post(
                                            "/api/v2/tickets/" + parent + "/side_conversations",
                                            Map.of(
                                                    "message",
                                                    Map.of(
                                                            "subject",
                                                            unique("child"),
                                                            "body",
                                                            "first message",
                                                            "to",
                                                            List.of(Map.of(
                                                                    "support_group_id",
                                                                    childGroup,
                                                                    "support_agent_id",
                                                                    childAgentId))))),
                            201)
                    .get("side_conversation");
            long child = Long.parseLong(
                    conversation.at("/external_ids/targetTicketId").asString());
            links.add(new Link(parent, conversation.get("id").asString(), child, childGroup, parentAgent, childAgent));
        }
        return links;
    }

    private static long group(Api admin) {
        return ok(
                        admin.post(
                                "/api/v2/groups", Map.of("group", Map.of("name", unique("group"), "is_public", true))),
                        201)
                .at("/group/id")
                .asLong();
    }

    private static String agent(Api admin, long group) {
        String email = unique("agent") + "@example.com";
        long user = ok(
                        admin.post(
                                "/api/v2/users",
                                Map.of("user", Map.of("name", "Agent " + email, "email", email, "role", "agent"))),
                        201)
                .at("/user/id")
                .asLong();
        ok(
                admin.post(
                        "/api/v2/group_memberships",
                        Map.of("group_membership", Map.of("user_id", user, "group_id", group))),
                201);
        return email;
    }

    static JsonNode ok(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response);
        }
        return response.json();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}

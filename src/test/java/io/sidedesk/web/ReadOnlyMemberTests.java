package io.sidedesk.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-only members (docs/RULES.md) are ignored when sent (Zendesk clients send whole objects back) and marked
 * {@code readOnly} in the OpenAPI description; a member the caller may write only with a permission it lacks is a 403
 * naming it, never a silent partial success.
 */
class ReadOnlyMemberTests extends ApiTestSupport {

    /** Each shown schema's read-only members (as README lists them), and one member it writes. */
    private static final Map<String, List<String>> READ_ONLY = Map.of(
            "Ticket",
                    List.of(
                            "id",
                            "url",
                            "via",
                            "created_at",
                            "updated_at",
                            "raw_subject",
                            "description",
                            "submitter_id",
                            "is_public",
                            "child_of"),
            "User", List.of("id", "url", "role_type", "created_at", "updated_at"),
            "Group", List.of("id", "url", "deleted", "created_at", "updated_at"),
            "GroupMembership", List.of("id", "url", "created_at", "updated_at"),
            "CustomRole", List.of("id", "created_at", "updated_at"),
            "TicketField", List.of("id", "url", "created_at", "updated_at"),
            "TicketForm", List.of("id", "url", "created_at", "updated_at"),
            "SideConversation",
                    List.of(
                            "url",
                            "id",
                            "ticket_id",
                            "preview_text",
                            "participants",
                            "external_ids",
                            "created_at",
                            "updated_at",
                            "message_added_at",
                            "state_updated_at",
                            "child_ticket",
                            "events"));

    private static final Map<String, String> WRITABLE = Map.of(
            "Ticket",
            "subject",
            "User",
            "name",
            "Group",
            "name",
            "GroupMembership",
            "group_id",
            "CustomRole",
            "name",
            "TicketField",
            "title",
            "TicketForm",
            "name",
            "SideConversation",
            "subject");

    @Test
    void item5ReadOnlyMembersAreMarkedReadOnlyInTheDescription() {
        JsonNode schemas = api().get("/v3/api-docs").json().at("/components/schemas");

        READ_ONLY.forEach((schema, members) -> {
            JsonNode properties = schemas.at("/" + schema + "/properties");
            assertThat(properties.isObject())
                    .as("schema %s is described among %s", schema, schemas.propertyNames())
                    .isTrue();
            for (String member : members) {
                JsonNode property = property(properties, member);
                assertThat(property).as("%s.%s is described", schema, member).isNotNull();
                assertThat(property.path("readOnly").asBoolean(false))
                        .as("%s.%s is readOnly: %s", schema, member, property)
                        .isTrue();
            }
            JsonNode writable = property(properties, WRITABLE.get(schema));
            assertThat(writable.path("readOnly").asBoolean(false))
                    .as("%s.%s is writable", schema, WRITABLE.get(schema))
                    .isFalse();
        });
    }

    @Test
    void item5ATicketSentBackWholeIsAcceptedAndItsReadOnlyMembersIgnored() {
        long id = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", "Whole", "comment", Map.of("body", "Sent back as read"))))
                .json()
                .at("/ticket/id")
                .asLong();
        ObjectNode whole = (ObjectNode) ticket(id).deepCopy();
        whole.put("subject", "Changed");
        whole.put("id", id + 1_000_000);
        whole.put("url", "https://elsewhere.test/api/v2/tickets/1.json");
        whole.put("created_at", "2001-01-01T00:00:00Z");
        whole.put("description", "Rewritten");
        whole.put("submitter_id", 1);
        whole.put("is_public", false);
        whole.put("unknown_member", "ignored");

        Api.Response updated = admin().put("/api/v2/tickets/" + id, Map.of("ticket", whole));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode after = ticket(id);
        assertThat(after.get("subject").asString()).isEqualTo("Changed");
        assertThat(after.get("id").asLong()).isEqualTo(id);
        assertThat(after.get("url").asString()).endsWith("/api/v2/tickets/" + id + ".json");
        assertThat(after.get("description").asString()).isEqualTo("Sent back as read");
        assertThat(after.get("created_at").asString()).doesNotStartWith("2001");
        assertThat(after.get("is_public").asBoolean()).isTrue();
    }

    @Test
    void item5APropertyALightAgentMayNotChangeIsA403NamingItAndNothingIsWritten() {
        long group = group(true);
        TestUser light = lightAgent();
        membership(light, group);
        long id = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of("subject", "Light", "comment", Map.of("body", "Hello"), "group_id", group)))
                .json()
                .at("/ticket/id")
                .asLong();
        int audits = audits(id).size();

        Api.Response refused = as(light)
                .put(
                        "/api/v2/tickets/" + id,
                        Map.of(
                                "ticket",
                                Map.of("status", "pending", "comment", Map.of("body", "a note", "public", false))));

        assertForbidden(refused);
        assertThat(refused.body()).contains("status");
        assertThat(audits(id)).hasSize(audits);
        assertThat(ticket(id).get("status").asString()).isEqualTo("new");
    }

    @Test
    void item5AnEndUserSendingAnAgentOnlyMemberIsA403NamingIt() {
        TestUser endUser = endUser();
        long before =
                admin().get("/api/v2/tickets?per_page=1").json().get("count").asLong();

        Api.Response refused = as(endUser)
                .post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "subject",
                                        "Mine",
                                        "comment",
                                        Map.of("body", "Hello"),
                                        "priority",
                                        "urgent",
                                        "tags",
                                        List.of("vip"))));

        assertForbidden(refused);
        assertThat(refused.body()).contains("priority").contains("tags");
        assertThat(admin().get("/api/v2/tickets?per_page=1").json().get("count").asLong())
                .isEqualTo(before);
    }

    /** The property by its wire name, or by the Java name the description may still use. */
    private static JsonNode property(JsonNode properties, String member) {
        if (properties.has(member)) {
            return properties.get(member);
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : member.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return properties.get(camel.toString());
    }
}

package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Showing a ticket, listing tickets, comments and audits run a fixed number of SQL statements, however
 * many tags, followers, CCs, custom fields, comments or audits there are (no N+1). Counted at the
 * connection ({@code StatementCounter}) around each HTTP request.
 */
class QueryDisciplineTests extends ApiTestSupport {

    private TestUser agent;
    private long group;
    private long form;
    private List<Long> fields;

    @BeforeEach
    void setUp() {
        agent = agent();
        group = group(true);
        membership(agent, group);
        fields = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fields.add(admin().post(
                            "/api/v2/ticket_fields",
                            Map.of("ticket_field", Map.of("type", "text", "title", unique("field"))))
                    .json()
                    .at("/ticket_field/id")
                    .asLong());
        }
        form = admin().post(
                        "/api/v2/ticket_forms",
                        Map.of("ticket_form", Map.of("name", unique("form"), "ticket_field_ids", fields)))
                .json()
                .at("/ticket_form/id")
                .asLong();
    }

    @Test
    void showingATicketCostsTheSameWhateverItHolds() {
        long small = ticket(unique("ext"), false, 0);
        long large = ticket(unique("ext"), true, 25);

        long smallCost = statements(() -> asAgent().get("/api/v2/tickets/" + small));
        long largeCost = statements(() -> asAgent().get("/api/v2/tickets/" + large));

        assertThat(largeCost).isEqualTo(smallCost).isLessThanOrEqualTo(3);
    }

    @Test
    void listingAPageOfTicketsCostsTheSameWhateverTheyHold() {
        String small = unique("ext");
        String large = unique("ext");
        for (int i = 0; i < 5; i++) {
            ticket(small, false, 0);
            ticket(large, true, 3);
        }

        long smallCost = statements(() -> asAgent().get("/api/v2/tickets?external_id=" + small));
        long largeCost = statements(() -> asAgent().get("/api/v2/tickets?external_id=" + large));
        long cursorCost = statements(() -> asAgent().get("/api/v2/tickets?page[size]=5&external_id=" + large));

        assertThat(largeCost).isEqualTo(smallCost).isLessThanOrEqualTo(3);
        assertThat(cursorCost).isLessThanOrEqualTo(smallCost);
    }

    @Test
    void listingCommentsAndAuditsCostsTheSameWhateverTheirNumber() {
        long few = ticket(unique("ext"), false, 1);
        long many = ticket(unique("ext"), true, 40);

        for (String list : List.of("comments", "audits")) {
            long fewCost = statements(() -> asAgent().get("/api/v2/tickets/" + few + "/" + list));
            long manyCost = statements(() -> asAgent().get("/api/v2/tickets/" + many + "/" + list));
            assertThat(manyCost).as(list).isEqualTo(fewCost).isLessThanOrEqualTo(3);
        }
    }

    private Api asAgent() {
        return as(agent);
    }

    /** A ticket in the agent's group; a rich one has 60 tags, followers, CCs and custom field values. */
    private long ticket(String externalId, boolean rich, int extraComments) {
        Map<String, Object> fieldsOfTicket = new java.util.LinkedHashMap<>();
        fieldsOfTicket.put("subject", "cost");
        fieldsOfTicket.put("comment", Map.of("body", "first"));
        fieldsOfTicket.put("group_id", group);
        fieldsOfTicket.put("external_id", externalId);
        fieldsOfTicket.put("ticket_form_id", form);
        if (rich) {
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                tags.add("tag" + i);
            }
            List<Long> followers = List.of(agent.id(), agent().id(), agent().id());
            List<Long> ccs = List.of(endUser().id(), endUser().id(), endUser().id());
            List<Map<String, Object>> values = new ArrayList<>();
            fields.forEach(field -> values.add(Map.of("id", field, "value", "value of " + field)));
            fieldsOfTicket.put("tags", tags);
            fieldsOfTicket.put("follower_ids", followers);
            fieldsOfTicket.put("email_cc_ids", ccs);
            fieldsOfTicket.put("custom_fields", values);
        }
        Api.Response created = admin().post("/api/v2/tickets", Map.of("ticket", fieldsOfTicket));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();
        for (int i = 0; i < extraComments; i++) {
            Api.Response commented = admin().put(
                            "/api/v2/tickets/" + id,
                            Map.of(
                                    "ticket",
                                    Map.of(
                                            "comment",
                                            Map.of("body", "comment " + i, "public", i % 2 == 0),
                                            "priority",
                                            i % 2 == 0 ? "high" : "low")));
            assertThat(commented.status()).as(commented.toString()).isEqualTo(200);
        }
        return id;
    }

    private long statements(Supplier<Api.Response> request) {
        return counted(request).statements();
    }
}

package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients updating one ticket at once never lose a comment or a field change that got a 2xx. */
class ConcurrentUpdateTests extends ApiTestSupport {

    private static final int CLIENTS = 16;
    private static final int UPDATES_EACH = 5;

    @Test
    void sixteenClientsUpdatingOneTicketLoseNothingThatSucceeded() throws Exception {
        List<Long> fields = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            fields.add(admin().post(
                            "/api/v2/ticket_fields",
                            Map.of("ticket_field", Map.of("type", "text", "title", unique("client-field"))))
                    .json()
                    .at("/ticket_field/id")
                    .asLong());
        }
        long form = admin().post(
                        "/api/v2/ticket_forms",
                        Map.of("ticket_form", Map.of("name", unique("form"), "ticket_field_ids", fields)))
                .json()
                .at("/ticket_form/id")
                .asLong();
        long ticket = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of("subject", "busy", "comment", Map.of("body", "start"), "ticket_form_id", form)))
                .json()
                .at("/ticket/id")
                .asLong();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger succeeded = new AtomicInteger();
        Set<String> acceptedComments = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Future<String>> lastValues = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            long field = fields.get(client);
            int me = client;
            Callable<String> work = () -> {
                String last = null;
                for (int update = 0; update < UPDATES_EACH; update++) {
                    String value = "client " + me + " update " + update;
                    Api.Response response = admin().put(
                                    "/api/v2/tickets/" + ticket,
                                    Map.of(
                                            "ticket",
                                            Map.of(
                                                    "comment", Map.of("body", value),
                                                    "custom_fields", List.of(Map.of("id", field, "value", value)))));
                    if (response.status() == 200) {
                        succeeded.incrementAndGet();
                        acceptedComments.add(value);
                        last = value;
                    }
                }
                return last;
            };
            lastValues.add(pool.submit(work));
        }
        pool.shutdown();
        // Bounds a hang only: the updates queue on one row, and a slow machine takes what it takes.
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();

        assertThat(succeeded.get()).isEqualTo(CLIENTS * UPDATES_EACH);
        JsonNode shown = admin().get("/api/v2/tickets/" + ticket).json().get("ticket");
        Map<Long, String> values = new java.util.HashMap<>();
        shown.get("custom_fields")
                .forEach(value ->
                        values.put(value.get("id").asLong(), value.get("value").asString()));
        for (int client = 0; client < CLIENTS; client++) {
            assertThat(values.get(fields.get(client)))
                    .as("client %d's last field value", client)
                    .isEqualTo(lastValues.get(client).get());
        }
        Set<String> stored = new HashSet<>();
        admin().get("/api/v2/tickets/" + ticket + "/comments")
                .json()
                .get("comments")
                .forEach(comment -> stored.add(comment.get("body").asString()));
        assertThat(stored).containsAll(acceptedComments).hasSize(CLIENTS * UPDATES_EACH + 1);
        assertThat(admin().get("/api/v2/tickets/" + ticket + "/audits")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(CLIENTS * UPDATES_EACH + 1);
    }
}

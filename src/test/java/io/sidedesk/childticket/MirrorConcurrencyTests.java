package io.sidedesk.childticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both directions of the mirror at once on one side conversation: replies on the side conversation and
 * public comments on its child, from many clients released together. Every request succeeds, every
 * message exists exactly once on each side, and both sides agree on the order (R7, R8, R9).
 */
class MirrorConcurrencyTests extends SideConversationTestSupport {

    private static final int REPLIERS = 24;
    private static final int COMMENTERS = 8;
    private static final int MESSAGES_EACH = 3;

    @Test
    void repliesAndChildCommentsAtOnceEachArriveExactlyOnceInOneOrderOnBothSides_R7_R8_R9() throws Exception {
        Link link = link();
        Api replier = as(link.parentAgent());
        Api commenter = as(link.childAgent());
        List<String> replies = new ArrayList<>();
        List<String> childComments = new ArrayList<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(REPLIERS + COMMENTERS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < REPLIERS + COMMENTERS; client++) {
            boolean replying = client < REPLIERS;
            List<String> mine = new ArrayList<>();
            for (int message = 0; message < MESSAGES_EACH; message++) {
                mine.add((replying ? "reply " : "child comment ") + client + "." + message);
            }
            (replying ? replies : childComments).addAll(mine);
            running.add(clients.submit(() -> {
                start.await();
                for (String body : mine) {
                    Api.Response response =
                            replying ? reply(replier, link, body) : comment(commenter, link.child(), body, true);
                    if (response.status() / 100 != 2) {
                        String text = response.toString();
                        failures.put(body, text.substring(0, Math.min(160, text.length())));
                    }
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> client : running) {
            client.get(10, TimeUnit.MINUTES); // bounds a hang only: the writes queue on one side conversation
        }
        clients.shutdown();
        long millis = (System.nanoTime() - began) / 1_000_000;

        assertThat(failures.size())
                .as(
                        "requests that did not succeed, of %d in %d ms; some: %s",
                        replies.size() + childComments.size(),
                        millis,
                        failures.entrySet().stream().limit(3).toList())
                .isZero();
        List<JsonNode> comments = comments(link.child());
        List<String> commentBodies = bodies(comments);
        List<JsonNode> events = events(link);
        List<String> replyBodies = messageBodies(events.stream()
                .filter(event -> event.get("type").asString().equals("reply"))
                .toList());
        for (String body : replies) {
            assertThat(commentBodies).as("child comments").containsOnlyOnce(body);
            assertThat(replyBodies).as("side conversation replies").containsOnlyOnce(body);
        }
        for (String body : childComments) {
            assertThat(commentBodies).as("child comments").containsOnlyOnce(body);
            assertThat(replyBodies).as("side conversation replies").containsOnlyOnce(body);
        }
        int total = replies.size() + childComments.size();
        assertThat(comments).hasSize(1 + total);
        assertThat(replyBodies).hasSize(total);
        assertThat(events.get(0).get("type").asString()).isEqualTo("create");
        assertThat(events.get(0).at("/message/body").asString()).isEqualTo(commentBodies.get(0));
        assertThat(replyBodies)
                .as("the side conversation's order is the child's order")
                .containsExactlyElementsOf(after(commentBodies, 1));
        assertThat(sideConversationEvents(link.parent(), "replied")).hasSize(total);
    }
}

package io.sidedesk.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.sidedesk.web.Rounds;
import io.sidedesk.webhook.WebhookOutbox.Claimed;
import io.sidedesk.webhook.WebhookOutbox.Outcome;
import io.sidedesk.webhook.WebhookOutbox.Target;

/**
 * Sends the outbox's due invocations: woken after each commit that queued some on this instance, and every {@code
 * poll-interval} for retries and for invocations another instance could not send. Each webhook's batch goes to one
 * of {@code senders} threads and is sent one request after another, so a slow or dead endpoint holds one thread and
 * never delays the others; a webhook with a batch in flight here is not claimed again until it is done. A batch stops
 * when its circuit opens; what it did not try is due again at once (and held back by the breaker).
 */
@Component
class WebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final WebhookOutbox outbox;
    private final WebhookTransport transport;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;
    private final Rounds rounds = new Rounds("webhook-claims", this::claimAndHandOut);

    WebhookSender(
            WebhookOutbox outbox,
            WebhookTransport transport,
            WebhookProperties properties,
            JsonMapper json,
            Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.senders(), task -> {
            Thread thread = new Thread(task, "webhook-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A round of claiming soon, on the claims thread. */
    void wake() {
        rounds.wake();
    }

    @Scheduled(
            fixedDelayString = "${sidedesk.webhooks.poll-interval:5s}",
            initialDelayString = "${sidedesk.webhooks.poll-interval:5s}")
    void poll() {
        wake();
    }

    /** Claims for the free senders and hands each webhook's batch to one; a finished batch wakes the next round. */
    private void claimAndHandOut() {
        while (true) {
            int free = properties.senders() - busy.size();
            if (free <= 0) {
                return;
            }
            List<Claimed> claimed = outbox.claim(Set.copyOf(busy), free);
            if (claimed.isEmpty()) {
                return;
            }
            batches(claimed).forEach((webhookId, batch) -> {
                busy.add(webhookId);
                try {
                    senders.execute(() -> {
                        try {
                            send(webhookId, batch);
                        } catch (RuntimeException e) {
                            log.warn(
                                    "Sending webhook {}'s batch stopped on an error (its invocations are tried "
                                            + "again after their lease): {}",
                                    webhookId,
                                    e.toString());
                        } finally {
                            busy.remove(webhookId);
                            wake();
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    busy.remove(webhookId);
                }
            });
        }
    }

    /**
     * Sends everything due now on the caller's thread, until nothing is: how many attempts were made. The tests'
     * way to run retries at the moment they choose (with the service's clock moved past the backoff).
     */
    int sendDue() {
        int attempted = 0;
        List<Claimed> claimed;
        while (!(claimed = outbox.claim(Set.copyOf(busy), Integer.MAX_VALUE)).isEmpty()) {
            for (Map.Entry<String, List<Claimed>> batch : batches(claimed).entrySet()) {
                attempted += send(batch.getKey(), batch.getValue());
            }
        }
        return attempted;
    }

    private static Map<String, List<Claimed>> batches(List<Claimed> claimed) {
        Map<String, List<Claimed>> batches = new LinkedHashMap<>();
        claimed.forEach(invocation -> batches.computeIfAbsent(invocation.webhookId(), id -> new ArrayList<>())
                .add(invocation));
        return batches;
    }

    /** One webhook's batch, in order, until its circuit would open: how many attempts were made. */
    private int send(String webhookId, List<Claimed> batch) {
        Target target = outbox.target(webhookId);
        if (target == null) {
            outbox.record(webhookId, List.of(), batch); // deactivated meanwhile: they wait, attempts unspent
            return 0;
        }
        if (!target.acting()) {
            // R22: its creator is no longer an active admin: nothing more is sent for it.
            outbox.record(
                    webhookId,
                    batch.stream()
                            .map(invocation -> Outcome.givenUp(
                                    invocation, "not sent: the webhook's creator is no longer an active admin"))
                            .toList(),
                    List.of());
            return batch.size();
        }
        if (target.probing() && !outbox.takeProbe(webhookId)) {
            outbox.record(webhookId, List.of(), batch); // another sender probes it
            return 0;
        }
        List<Outcome> outcomes = new ArrayList<>();
        // A probe is tried whatever the count; otherwise the batch stops where the circuit would open.
        int failures = target.probing() ? 0 : target.consecutiveFailures();
        int tried = 0;
        while (tried < batch.size() && (tried == 0 || failures < properties.breakerThreshold())) {
            Outcome outcome = attempt(target, batch.get(tried++));
            outcomes.add(outcome);
            failures = outcome.success() ? 0 : failures + 1;
        }
        if (outbox.record(webhookId, outcomes, batch.subList(tried, batch.size()))) {
            log.warn(
                    "Webhook {}'s circuit is open after {} failed attempts in a row; the last: {}",
                    webhookId,
                    failures,
                    outcomes.get(outcomes.size() - 1).error());
        }
        return tried;
    }

    private Outcome attempt(Target target, Claimed invocation) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("X-Zendesk-Webhook-Id", invocation.webhookId());
        extra.put("X-Zendesk-Webhook-Invocation-Id", String.valueOf(invocation.id()));
        extra.put("X-Sidedesk-Event-Id", invocation.eventId().toString());
        extra.put("X-Sidedesk-Correlation-Id", invocation.correlationId().toString());
        extra.put("X-Sidedesk-Attempt", String.valueOf(invocation.attempts()));
        WebhookTransport.Result result = transport.send(request(target, invocation.payload(), extra, clock.instant()));
        Integer status = result.status();
        boolean success = status != null && status >= 200 && status < 300;
        boolean retry = !result.refused() && (status == null || status >= 500 || status == 409 || status == 429);
        String error = result.error() != null ? result.error() : success ? null : "HTTP " + status;
        return new Outcome(invocation, success, retry, status, error, result.retryAfter(), result.durationMs(), true);
    }

    /**
     * The request for a webhook: its method and endpoint, the body (none for GET and DELETE), signed as Zendesk signs
     * with the secret given, its authentication and custom headers, and the {@code extra} headers.
     */
    WebhookTransport.Request request(Target target, String body, Map<String, String> extra, Instant now) {
        boolean hasBody = !"GET".equals(target.method()) && !"DELETE".equals(target.method());
        byte[] bytes = hasBody && body != null ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (hasBody) {
            headers.add(header("Content-Type", "application/json; charset=utf-8"));
        }
        headers.add(header("User-Agent", "Sidedesk-Webhook"));
        headers.add(header("X-Zendesk-Webhook-Signature-Timestamp", timestamp));
        headers.add(
                header("X-Zendesk-Webhook-Signature", WebhookTransport.signature(target.secret(), timestamp, bytes)));
        extra.forEach((name, value) -> headers.add(header(name, value)));
        if (target.authType() != null) {
            Map<String, String> data = json.readValue(target.authData(), STRINGS);
            headers.add(
                    switch (target.authType()) {
                        case "basic_auth" ->
                            header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString((data.get("username") + ":" + data.get("password"))
                                                            .getBytes(StandardCharsets.UTF_8)));
                        case "bearer_token" -> header("Authorization", "Bearer " + data.get("token"));
                        default -> header(data.get("name"), data.get("value"));
                    });
        }
        if (target.customHeaders() != null) {
            json.readValue(target.customHeaders(), STRINGS).forEach((name, value) -> headers.add(header(name, value)));
        }
        return new WebhookTransport.Request(target.method(), URI.create(target.endpoint()), headers, bytes);
    }

    private static Map.Entry<String, String> header(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    /** No round starts; batches under way have a moment to record what they sent (the rest waits out its lease). */
    @Override
    public void destroy() throws InterruptedException {
        rounds.close();
        senders.shutdown();
        if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }
}

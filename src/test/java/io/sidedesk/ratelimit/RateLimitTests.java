package io.sidedesk.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits with Zendesk's headers, here with small budgets: the account's requests per minute, updates
 * per user and ticket, and failed logins per email and address. The tests play a trusted proxy (loopback is
 * configured as one), so each test speaks from its own client address (X-Forwarded-For) and failed logins of
 * one do not throttle another; the account's budget is spent last.
 *
 * <p>The service's clock stands still unless a test moves it, so no budget refills while a test runs, however
 * slow the machine: what is spent stays spent, and a refill happens exactly when a test advances the clock.
 */
@Import(MutableClock.AsTheServiceClock.class)
@TestPropertySource(
        properties = {
            "sidedesk.rate-limits.enabled=true",
            "sidedesk.rate-limits.account-per-minute=400",
            "sidedesk.rate-limits.ticket-updates=3",
            "sidedesk.rate-limits.failed-logins-per-minute=20",
            "sidedesk.trusted-proxies=127.0.0.1/32,::1/128",
            "spring.datasource.hikari.maximum-pool-size=3"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTests extends ApiTestSupport {

    private static boolean fresh;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MutableClock clock;

    /**
     * Buckets left by an earlier run on the same database would carry its spending over. The clock starts a day
     * ahead: Bucket4j forgets a bucket once it would have refilled, judged on the system's time, and must not
     * forget one that this test is spending.
     */
    @BeforeEach
    void startFromFullBuckets() {
        if (!fresh) {
            clock.set(Instant.now().plus(Duration.ofDays(1)));
            jdbc.update("delete from rate_limit_buckets");
            fresh = true;
        }
    }

    @Test
    @Order(1)
    void everyApiResponseCarriesTheRateHeadersAndOnlyA429CarriesRetryAfter() {
        Api caller = fromOwnAddress(admin());
        Api.Response first = caller.get("/api/v2/users/me");
        Api.Response second = caller.get("/api/v2/users/me");

        assertThat(first.header("X-Rate-Limit")).isEqualTo("400");
        long before = Long.parseLong(first.header("X-Rate-Limit-Remaining"));
        Api.Response later = second;
        for (int i = 0; i < 60; i++) {
            later = caller.get("/api/v2/users/me");
        }
        // The clock stands still, so each request spends exactly one of the budget.
        assertThat(Long.parseLong(later.header("X-Rate-Limit-Remaining"))).isEqualTo(before - 61);
        for (Api.Response response : new Api.Response[] {
            first,
            caller.get("/api/v2/tickets/0"),
            caller.post("/api/v2/groups", Map.of("group", Map.of())),
            fromOwnAddress(api()).get("/api/v2/users/me")
        }) {
            assertThat(response.header("X-Rate-Limit")).as(response.toString()).isEqualTo("400");
            assertThat(response.header("X-Rate-Limit-Remaining")).isNotNull();
            assertThat(response.header("Retry-After")).as(response.toString()).isNull();
        }
    }

    @Test
    @Order(2)
    void ticketUpdatesAreLimitedPerUserAndTicket() {
        TestUser agent = agent();
        Api caller = fromOwnAddress(as(agent));
        long ticket = ticket();
        long other = ticket();
        for (int i = 0; i < 3; i++) {
            assertThat(update(caller, ticket, "low").status()).isEqualTo(200);
        }

        Api.Response refused = update(caller, ticket, "high");

        assertTooMany(refused);
        assertThat(admin().get("/api/v2/tickets/" + ticket)
                        .json()
                        .at("/ticket/priority")
                        .asString())
                .isEqualTo("low");
        assertThat(update(caller, other, "high").status()).as("another ticket").isEqualTo(200);
        assertThat(update(fromOwnAddress(admin()), ticket, "high").status())
                .as("another user")
                .isEqualTo(200);
        assertThat(caller.get("/api/v2/tickets/" + ticket).status())
                .as("reads are not ticket updates")
                .isEqualTo(200);
        assertTooMany(update(caller, ticket, "high"));

        // Three updates per ten minutes: one comes back every 200 s, and Retry-After says so.
        assertThat(refused.header("Retry-After")).isEqualTo("200");
        clock.advance(Duration.ofSeconds(199));
        assertTooMany(update(caller, ticket, "high"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(update(caller, ticket, "high").status())
                .as("after Retry-After")
                .isEqualTo(200);
        assertTooMany(update(caller, ticket, "urgent"));
        assertThat(admin().get("/api/v2/tickets/" + ticket)
                        .json()
                        .at("/ticket/priority")
                        .asString())
                .isEqualTo("high");
    }

    /**
     * B5, rate limits: the update limit counts the ticket, not the spelling of its id. Every spelling that reaches the
     * ticket spends the same bucket; one that reaches no ticket is refused and spends nothing.
     */
    @Test
    @Order(2)
    void theTicketUpdateLimitCountsTheTicketWhateverTheSpellingOfItsId() {
        long ticket = ticket();
        String id = String.valueOf(ticket);
        StringBuilder percentEncoded = new StringBuilder();
        id.chars().forEach(digit -> percentEncoded.append("%3").append((char) digit));
        List<String> spellings = List.of(
                id + ".json",
                "0" + id,
                "00" + id + ".json",
                percentEncoded.toString(),
                "%20" + id,
                id + "%20",
                "%09" + id);
        for (String spelling : spellings) {
            Api spender = fromOwnAddress(as(agent()));
            Api.Response reached =
                    spender.put("/api/v2/tickets/" + spelling, Map.of("ticket", Map.of("priority", "low")));
            assertThat(reached.status())
                    .as(spelling + " reaches the ticket: " + reached)
                    .isEqualTo(200);
            assertThat(reached.json().at("/ticket/id").asLong()).isEqualTo(ticket);
            for (int i = 0; i < 2; i++) {
                assertThat(update(spender, ticket, "normal").status()).isEqualTo(200);
            }
            assertTooMany(spender.put("/api/v2/tickets/" + spelling, Map.of("ticket", Map.of("priority", "high"))));
        }
        for (String elsewhere : List.of("+" + id, "%2B" + id, "0x" + Long.toHexString(ticket), id + "%00")) {
            Api spender = fromOwnAddress(as(agent()));
            for (int i = 0; i < 5; i++) {
                Api.Response refused =
                        spender.put("/api/v2/tickets/" + elsewhere, Map.of("ticket", Map.of("priority", "urgent")));
                assertThat(refused.status()).as(elsewhere + ": " + refused).isIn(400, 404);
            }
            assertThat(update(spender, ticket, "normal").status())
                    .as("after " + elsewhere + " nothing was spent")
                    .isEqualTo(200);
        }
        assertThat(admin().get("/api/v2/tickets/" + ticket)
                        .json()
                        .at("/ticket/priority")
                        .asString())
                .isEqualTo("normal");
    }

    /**
     * The update limit is spent before a keyed write's transaction begins: a bucket's reconciliation takes a
     * connection of its own, so spending it inside the transaction would hold two connections per write, and
     * concurrent keyed updates would starve the pool (here of three) into 503s.
     */
    @Test
    @Order(2)
    void concurrentKeyedUpdatesDoNotStarveThePool() throws Exception {
        int writers = 6;
        List<Long> tickets = new java.util.ArrayList<>();
        List<Api> agents = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            tickets.add(ticket());
            agents.add(fromOwnAddress(as(agent())).withHeader("Idempotency-Key", unique("key")));
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Api agent = agents.get(i);
            long ticket = tickets.get(i);
            answers.add(pool.submit(() -> {
                start.await();
                return update(agent, ticket, "high");
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<Api.Response> answer : answers) {
            Api.Response response = answer.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        pool.shutdown();
    }

    /**
     * Failures are 401 until the email's budget from that address is spent; then that email is answered 429 from
     * there before its credentials are even checked (guessing on learns nothing), and so is any failure from that
     * address. The same email from elsewhere is not held off.
     */
    @Test
    @Order(3)
    void failedLoginsAre401sThenPastTheirBudget429s() {
        TestUser agent = agent();
        Api address = fromOwnAddress(api());
        int unauthorized = 0;
        Api.Response throttled = null;
        for (int attempt = 0; attempt < 30 && throttled == null; attempt++) {
            Api.Response response =
                    address.as(agent.email(), "wrong-token-" + attempt).get("/api/v2/users/me");
            if (response.status() == 401) {
                unauthorized++;
            } else {
                throttled = response;
            }
        }

        assertThat(unauthorized).as("failures answered 401 before any 429").isGreaterThanOrEqualTo(10);
        assertThat(throttled).as("throttled within 30 failures").isNotNull();
        assertThat(unauthorized)
                .as("the clock stands still: exactly the budget")
                .isEqualTo(20);
        assertTooMany(throttled);
        // Twenty failures a minute: one comes back every 3 s.
        assertThat(throttled.header("Retry-After")).isEqualTo("3");
        assertTooMany(address.as(agent.email(), ADMIN_TOKEN).get("/api/v2/users/me"));
        assertTooMany(address.as(unique("nobody") + "@example.com", "wrong").get("/api/v2/users/me"));
        assertThat(fromOwnAddress(api())
                        .as(agent.email(), "wrong")
                        .get("/api/v2/users/me")
                        .status())
                .as("the same email from another address")
                .isEqualTo(401);
        assertThat(fromOwnAddress(api())
                        .as(agent.email(), ADMIN_TOKEN)
                        .get("/api/v2/users/me")
                        .status())
                .as("the right credential from another address")
                .isEqualTo(200);

        clock.advance(Duration.ofSeconds(3));
        Api.Response afterRetryAfter = address.as(agent.email(), ADMIN_TOKEN).get("/api/v2/users/me");
        assertThat(afterRetryAfter.status())
                .as("after Retry-After: " + afterRetryAfter)
                .isEqualTo(200);
    }

    /**
     * Failed logins (docs/RULES.md): nobody can lock a user out. While attackers keep failing on the user's email, from
     * one address or many, the user's valid credentials authenticate at once from the user's own address; the
     * attacker's address is held off before its guesses are even checked.
     */
    @Test
    @Order(3)
    void validCredentialsAuthenticateWhateverOthersSend() {
        TestUser victim = agent();
        Api attacker = fromOwnAddress(api());
        for (int attempt = 0; attempt < 25; attempt++) {
            attacker.as(victim.email(), "guess-" + attempt).get("/api/v2/users/me");
            fromOwnAddress(api()).as(victim.email(), "spread-" + attempt).get("/api/v2/users/me");
        }
        assertTooMany(attacker.as(victim.email(), "guess-again").get("/api/v2/users/me"));
        assertTooMany(attacker.as(victim.email(), ADMIN_TOKEN).get("/api/v2/users/me"));

        for (Api from : List.of(fromOwnAddress(api()), fromOwnAddress(api()), api())) {
            Api.Response me = from.as(victim.email(), ADMIN_TOKEN).get("/api/v2/users/me");
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().at("/user/id").asLong()).isEqualTo(victim.id());
            assertThat(me.header("Retry-After")).isNull();
        }
    }

    /**
     * Trusted proxies (docs/RULES.md): the client is the right-most forwarded address that is not a trusted proxy.
     * What a client writes to the left of it (here 9.9.9.x, a different one each time) changes nothing.
     */
    @Test
    @Order(3)
    void theClientAddressIsTheRightMostForwardedAddressThatIsNotATrustedProxy() {
        UUID id = UUID.randomUUID();
        String client = "10.99." + (id.hashCode() & 0xff) + "." + ((id.hashCode() >> 8) & 0xff);
        Api.Response response = null;
        for (int attempt = 0; attempt < 30 && (response == null || response.status() == 401); attempt++) {
            response = api().withHeader("X-Forwarded-For", "9.9.9." + attempt + ", " + client + ", 127.0.0.1")
                    .as(unique("nobody") + "@example.com", "wrong")
                    .get("/api/v2/users/me");
        }
        assertTooMany(response);
        assertThat(api().withHeader("X-Forwarded-For", client)
                        .as(unique("nobody") + "@example.com", "wrong")
                        .get("/api/v2/users/me")
                        .status())
                .as("the same client")
                .isEqualTo(429);
        assertThat(api().withHeader("X-Forwarded-For", client + ", 10.98.0.1")
                        .as(unique("nobody") + "@example.com", "wrong")
                        .get("/api/v2/users/me")
                        .status())
                .as("a proxy that is not trusted is the client")
                .isEqualTo(401);
    }

    /** Trusted proxies (docs/RULES.md): from a trusted proxy, links follow the forwarded scheme, host and port. */
    @Test
    @Order(3)
    void linksFollowTheForwardedHostFromATrustedProxy() {
        Api.Response page = fromOwnAddress(admin())
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "desk.example.org")
                .get("/api/v2/users?per_page=1");

        assertThat(page.json().get("next_page").asString()).startsWith("https://desk.example.org/api/v2/users?");
        assertThat(page.json().at("/users/0/url").asString()).startsWith("https://desk.example.org/api/v2/users/");
    }

    @Test
    @Order(4)
    void theAccountBudgetIsSpentThenEveryRequestIs429() {
        TestUser agent = agent();
        Api caller = fromOwnAddress(admin());
        Api.Response response = caller.get("/api/v2/users/me");
        for (int i = 0; i < 500 && response.status() == 200; i++) {
            response = caller.get("/api/v2/users/me");
        }

        assertTooMany(response);
        assertThat(response.header("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertTooMany(fromOwnAddress(as(agent)).get("/api/v2/tickets"));
        assertTooMany(caller.get("/api/v2/users/me"));

        // 400 a minute: a request comes back every 150 ms, so Retry-After is the least it can say, 1 s.
        assertThat(response.header("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        Api.Response refilled = caller.get("/api/v2/users/me");
        assertThat(refilled.status()).as("after Retry-After: " + refilled).isEqualTo(200);
        assertThat(fromOwnAddress(as(agent)).get("/api/v2/tickets").status()).isEqualTo(200);
        // A minute refills it all; what is left may lag by what this instance spent and has not reconciled yet
        // (a tenth of the budget).
        clock.advance(Duration.ofMinutes(1));
        assertThat(Long.parseLong(caller.get("/api/v2/users/me").header("X-Rate-Limit-Remaining")))
                .as("a minute refills it all")
                .isBetween(399L - 40, 399L);
    }

    private static void assertTooMany(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("TooManyRequests");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    private static Api fromOwnAddress(Api api) {
        UUID id = UUID.randomUUID();
        return api.withHeader(
                "X-Forwarded-For",
                "10." + (id.hashCode() & 0xff) + "." + ((id.hashCode() >> 8) & 0xff) + "."
                        + ((id.hashCode() >> 16) & 0xff));
    }

    private long ticket() {
        Api.Response created =
                admin().post("/api/v2/tickets", Map.of("ticket", Map.of("comment", Map.of("body", "limited"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/ticket/id").asLong();
    }

    private static Api.Response update(Api caller, long ticket, String priority) {
        return caller.put("/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("priority", priority)));
    }
}

package io.sidedesk.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.security.Hostile.pick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input (docs/RULES.md): forwarded headers no proxy sends ({@link Hostile#forwardedHeaders}: ports and
 * protocols that are none, hosts with paths and users, hundreds of addresses, values of thousands of characters) on the
 * requests whose answers are built from them: page links, {@code url} members, {@code Location}, the OpenAPI server,
 * the refusals. Never a 5xx, every refusal a problem, every link in an answer a well-formed absolute http(s) URL; each
 * subclass adds what its proxy setting promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardedHeadersSupport extends SecurityTestSupport {

    private static final long SEED = Long.getLong("sidedesk.fuzz.seed", 9_2026L);

    private static final int RUN = Integer.getInteger("sidedesk.fuzz.tries", HostileInputTests.TRIES);

    private long ticket;

    /** Two of everything listed, so that the lists' answers carry page links. */
    @BeforeAll
    void twoTicketsAndTwoAgents() {
        ticket(Map.of("subject", "Forwarded headers"));
        ticket = ticket(Map.of("subject", "Forwarded headers"));
        agent();
        agent();
    }

    /** What the answer may not do with the forwarded values (whose hosts carry {@code marker}), beyond the rules. */
    abstract List<String> violations(
            String marker, Map<String, String> forwarded, SecurityTestSupport.RawResponse response);

    void sendHostileForwardedHeaders(String property, long seedBase) {
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < RUN; i++) {
            long seed = seedBase + i;
            Random random = new Random(seed);
            String marker = "fwd" + i + "marker";
            Map<String, String> forwarded = Hostile.forwardedHeaders(random, marker);
            String[] request = pick(
                    random,
                    List.of(
                            new String[] {"GET", "/api/v2/users?per_page=1", "admin"},
                            new String[] {"GET", "/api/v2/tickets?page[size]=1", "admin"},
                            new String[] {"GET", "/api/v2/tickets/" + ticket, "admin"},
                            new String[] {"POST", "/api/v2/tickets", "admin"},
                            new String[] {"GET", "/v3/api-docs", "anonymous"},
                            new String[] {"GET", "/api/v2/users/me", "anonymous"},
                            new String[] {"GET", "/api/v2/no_such_endpoint", "admin"}));
            Map<String, String> headers = new LinkedHashMap<>(forwarded);
            if (request[2].equals("admin")) {
                headers.put("Authorization", Api.basicHeaderFor(ADMIN_EMAIL + "/token:" + ADMIN_TOKEN));
            }
            byte[] body = null;
            if (request[0].equals("POST")) {
                headers.put("Content-Type", "application/json");
                body = "{\"ticket\": {\"comment\": {\"body\": \"forwarded\"}}}".getBytes(StandardCharsets.UTF_8);
            }
            RawResponse response =
                    raw(request[0], request[1].replace("[", "%5B").replace("]", "%5D"), headers, body);
            List<String> violations =
                    new ArrayList<>(errorShapeViolations(response.status(), response.contentType(), response.body()));
            violations.addAll(malformedLinks(response));
            violations.addAll(violations(marker, forwarded, response));
            for (String violation : violations) {
                findings.add("try " + i + " (seed " + seed + "): " + request[0] + " " + request[1] + " with "
                        + HostileInputTests.abbreviate(forwarded.toString(), 300) + "\n      → " + response.status()
                        + " "
                        + HostileInputTests.abbreviate(response.body(), 300) + "\n      " + violation);
            }
        }
        assertThat(findings)
                .as(
                        "%s broke a property (base seed %d):\n  %s",
                        property,
                        SEED,
                        String.join("\n  ", findings.stream().limit(10).toList()))
                .isEmpty();
    }

    static long seed() {
        return SEED;
    }

    /** Every link in the answer (its JSON's link members, and Location) is an absolute http(s) URL. */
    private static List<String> malformedLinks(RawResponse response) {
        List<String> links = new ArrayList<>();
        if (response.headers().get("location") != null) {
            links.add(response.headers().get("location"));
        }
        if (response.contentType() != null
                && response.contentType().toLowerCase(Locale.ROOT).contains("json")) {
            try {
                collectLinks(JSON.readTree(response.body()), links);
            } catch (RuntimeException e) {
                return List.of("a JSON answer that is not JSON");
            }
        }
        List<String> malformed = new ArrayList<>();
        for (String link : links) {
            try {
                URI uri = new URI(link);
                if (!List.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                    malformed.add("a link that is no absolute http(s) URL: " + HostileInputTests.abbreviate(link, 200));
                }
            } catch (URISyntaxException e) {
                malformed.add("a malformed link: " + HostileInputTests.abbreviate(link, 200));
            }
        }
        return malformed;
    }

    /** The members that hold links: page links, {@code url} members, the OpenAPI servers' urls. */
    private static final Set<String> LINKS = Set.of("url", "next_page", "previous_page", "next", "prev");

    private static void collectLinks(JsonNode node, List<String> links) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                JsonNode member = node.get(name);
                if (LINKS.contains(name) && member.isString()) {
                    links.add(member.asString());
                }
                collectLinks(member, links);
            }
        } else {
            node.forEach(child -> collectLinks(child, links));
        }
    }
}

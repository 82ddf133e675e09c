package io.sidedesk.security;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.form.FieldType;
import io.sidedesk.job.Jobs;
import io.sidedesk.notification.Notifications;

import static io.sidedesk.security.Hostile.pick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Hostile input (docs/RULES.md; SPEC §4): generated malformed, oversized, wrongly typed, unicode-heavy and
 * injection-shaped input sent to every write endpoint, to the query parameters of every list endpoint, to path
 * segments, the request line and the request id header; and the edges of every custom field type, {@code page} and
 * {@code per_page} on every offset-paged list, and declared charsets on every write endpoint. The properties: never a
 * 5xx; every 4xx is {@code application/problem+json} with an {@code error} member (a 422 naming a field); bad input is
 * never blamed on a concurrent change, nor refused only by the database; nothing is written on a refusal; filters match
 * literally. {@code HostileForwardedHeadersTests} sends forwarded headers.
 *
 * <p>Each property runs {@value #TRIES} tries from one seed ({@code -Dsidedesk.fuzz.seed=...} repeats a run,
 * {@code -Dsidedesk.fuzz.tries=...} changes its length); a failure names the try and its seed. The generators
 * are in {@link Hostile}. (jqwik is not used: from 1.10 it asks not to be used by AI coding agents, and it is
 * built on JUnit Platform 1.x while this build runs JUnit 6.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests extends SecurityTestSupport {

    static final int TRIES = 150;

    private static final long SEED = Long.getLong("sidedesk.fuzz.seed", 9_2026L);

    private static final int RUN = Integer.getInteger("sidedesk.fuzz.tries", TRIES);

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private Fixture fixture;

    private List<Target> writes;

    @Autowired
    private Notifications notifications;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private Jobs jobs;

    @Autowired
    private ActorLookup actors;

    @BeforeAll
    void fixture() {
        turnOnChildTickets();
        fixture = new Fixture();
        writes = writeTargets();
    }

    @AfterAll
    void restoreTheSettings() {
        restoreDefaultSettings();
    }

    /**
     * Every trigger the fuzzer made is deleted, its own trigger too; those that were there before it (Zendesk's
     * standard triggers among them) are exactly as they were: the fuzzer never names them ({@link #namesATrigger}).
     */
    @AfterAll
    void deleteTheTriggers() {
        if (fixture == null) {
            return;
        }
        resetTriggers();
        assertThat(admin().delete("/api/v2/triggers/" + fixture.trigger).status())
                .isEqualTo(204);
        assertThat(triggersBefore()).as("the triggers that were there before").isEqualTo(fixture.triggersBefore);
    }

    /** Every macro the fuzzer made is deleted, its own macro too; those there before it are untouched. */
    @AfterAll
    void deleteTheMacros() {
        if (fixture == null) {
            return;
        }
        resetMacros();
        assertThat(admin().delete(MACROS + "/" + fixture.macro).status()).isEqualTo(204);
        assertThat(macrosBefore()).as("the macros that were there before").isEqualTo(fixture.macrosBefore);
    }

    /**
     * Every view the fuzzer made is deleted, its own view too; those there before it (the standard views among them)
     * are as they were, but for their positions, which stay 1..n while the fuzzer's own view moves.
     */
    @AfterAll
    void deleteTheViews() {
        if (fixture == null) {
            return;
        }
        resetViews();
        assertThat(admin().withoutContract().delete(VIEWS + "/" + fixture.view).status())
                .isEqualTo(204);
        assertThat(viewsBefore()).as("the views that were there before").isEqualTo(fixture.viewsBefore);
    }

    /**
     * Routing (docs/routing-contract.md) as it was: its settings at their defaults (off), the default capacity rule the
     * default again, and every status, capacity rule and queue the fuzzer made deleted, its own too; those there before
     * it are as they were (but for the default rule's agents and times, and the queues' positions).
     */
    @AfterAll
    void deleteTheRoutingRecords() {
        if (fixture == null) {
            return;
        }
        resetRouting(true);
        assertThat(admin().delete(QUEUES + "/" + fixture.queue).status()).isEqualTo(204);
        assertThat(admin().delete(RULES + "/" + fixture.rule).status()).isEqualTo(204);
        assertThat(admin().delete(STATUSES + "/" + fixture.status).status()).isEqualTo(204);
        assertThat(statusesBefore()).as("the statuses that were there before").isEqualTo(fixture.statusesBefore);
        assertThat(rulesBefore())
                .as("the capacity rules that were there before")
                .isEqualTo(fixture.rulesBefore);
        assertThat(queuesBefore()).as("the queues that were there before").isEqualTo(fixture.queuesBefore);
    }

    /**
     * Every webhook the fuzzer made is deleted, its own too; those there before it are as they were: the fuzzer never
     * names them.
     */
    @AfterAll
    void deleteTheWebhooks() {
        if (fixture == null) {
            return;
        }
        resetWebhooks();
        assertThat(admin().delete(WEBHOOKS + "/" + fixture.webhook).status()).isEqualTo(204);
        assertThat(webhooksBefore()).as("the webhooks that were there before").isEqualTo(fixture.webhooksBefore);
    }

    @AfterAll
    void deleteTheSchedule() {
        if (fixture != null) {
            assertThat(admin().delete(SCHEDULES + "/" + fixture.schedule).status())
                    .isEqualTo(204);
        }
    }

    // ---- properties -------------------------------------------------------------------------------------------

    @Test
    void hostileBodiesOnEveryWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile bodies"), writes, SEED * 1_000, false);
    }

    /**
     * The same on the trigger endpoints, from seeds of their own (so that the property above tries what it always
     * tried). A trigger the fuzzer writes is made inactive again at once; it never names a trigger it did not make.
     */
    @Test
    void hostileBodiesOnEveryTriggerWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile trigger bodies"), triggerWrites(), SEED * 9_000, true);
    }

    /**
     * The same on the business hours endpoints, from seeds of their own. A schedule the fuzzer creates is deleted at
     * once: the oldest schedule is the account's default, and the fuzzer's own must stay the only one.
     */
    @Test
    void hostileBodiesOnEveryBusinessHoursWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile business hours bodies"), scheduleWrites(), SEED * 11_000, true);
    }

    /**
     * The same on the macro endpoints (and applying a macro in a ticket update), from seeds of their own. A macro the
     * fuzzer writes is deleted or put back at once; it never names a macro it did not make.
     */
    @Test
    void hostileBodiesOnEveryMacroWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile macro bodies"), macroWrites(), SEED * 12_000, true);
    }

    /**
     * The same on the view endpoints (and their previews), from seeds of their own. A view the fuzzer writes is
     * deleted or put back at once; it never names a view it did not make.
     */
    @Test
    void hostileBodiesOnEveryViewWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile view bodies"), viewWrites(), SEED * 14_000, true);
    }

    /**
     * The same on the routing endpoints (settings, statuses, capacity rules, queues), from seeds of their own. Whatever
     * a valid body changed is put back at once ({@link #resetRouting}): routing off, the fuzzer's own records as they
     * were made, no other record of its; it never names an agent of a capacity rule it did not make.
     */
    @Test
    void hostileBodiesOnEveryRoutingWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile routing bodies"), routingWrites(), SEED * 16_000, true);
    }

    /**
     * The same on the webhook endpoints (docs/webhooks-contract.md), from seeds of their own. A webhook the fuzzer
     * creates is deleted at once and its own is put back as it was (inactive, for conditional ticket events only); it
     * never names a webhook it did not make, and whatever it sends goes to a port nothing listens on.
     */
    @Test
    void hostileBodiesOnEveryWebhookWriteEndpointNeverFailTheServerAndARefusalWritesNothing() {
        hostileBodies(new Findings("hostile webhook bodies"), webhookWrites(), SEED * 18_000, true);
    }

    /**
     * The same on a bulk update of children (docs/rollup-contract.md §7), from seeds of their own: on a parent and
     * child of the fuzzer's own, never named by another target. A queued job is awaited before the next try, so that
     * the witness (the newest jobs, the child as it is) is read while nothing runs.
     */
    @Test
    void hostileBodiesOnTheBulkUpdateOfChildrenNeverFailTheServerAndARefusalQueuesNothing_B1() {
        hostileBodies(new Findings("hostile bulk update bodies"), rollUpWrites(), SEED * 23_000, true);
    }

    /**
     * {@code inTurn}: the targets are tried in turn rather than picked at random (the first pick of a Random seeded
     * with consecutive numbers takes few of a handful of targets: of four, two).
     */
    private void hostileBodies(Findings findings, List<Target> targets, long seeds, boolean inTurn) {
        for (int i = 0; i < RUN; i++) {
            long seed = seeds + i;
            Random random = new Random(seed);
            Target target = inTurn ? targets.get(i % targets.size()) : pick(random, targets);
            boolean asAgent = target.agentToo() && random.nextInt(3) == 0;
            Who caller = asAgent ? who(fixture.agent) : adminWho();
            String valid = Hostile.json(target.template().get());
            int shape = random.nextInt(100);
            String contentType = "application/json";
            byte[] bytes;
            String shown;
            if (shape < 70) {
                shown = Hostile.json(Hostile.mutate(random, target.template().get(), target.knownKeys()));
                bytes = shown.getBytes(StandardCharsets.UTF_8);
            } else if (shape < 84) {
                shown = Hostile.malformed(random, valid);
                bytes = shown.getBytes(StandardCharsets.UTF_8);
            } else if (shape < 94) {
                contentType = Hostile.contentType(random);
                shown = valid;
                bytes = valid.getBytes(StandardCharsets.UTF_8);
            } else {
                shown = valid.replaceFirst(":\"", ":\"<invalid UTF-8>");
                bytes = withInvalidUtf8(valid, Hostile.invalidUtf8(random));
            }
            // Some writes carry an Idempotency-Key: a keyed write commits in another place, and must fail alike.
            Map<String, String> headers =
                    random.nextInt(5) == 0 ? Map.of("Idempotency-Key", "fuzz-" + seed + "-" + unique("k")) : Map.of();
            if (namesATrigger(target, shown)
                    || namesAMacro(target, shown)
                    || namesAView(target, shown)
                    || namesARuledAgent(target, shown)) {
                continue;
            }
            Object before = target.witness().get();
            Reply reply = send(caller, target.method(), target.path(), bytes, contentType, headers);
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() >= 300
                    && !Objects.equals(before, target.witness().get())) {
                violations.add("refused, yet it wrote");
            }
            if (reply.status() < 300 && !reply.isJson()) {
                violations.add("a success whose body is not JSON");
            }
            if (reply.status() < 300 && target.path().equals(SETTINGS)) {
                turnOnChildTickets(); // a valid settings change may have turned child tickets off
            }
            if (reply.status() < 300 && target.path().startsWith(TRIGGERS)) {
                resetTriggers(); // a trigger the fuzzer wrote may be active: it must not run on others' tickets
            }
            if (reply.status() < 300 && target.path().equals(SCHEDULES)) {
                deleteOtherSchedules();
            }
            if (reply.status() < 300 && target.path().startsWith(MACROS)) {
                resetMacros();
            }
            if (reply.status() < 300 && target.path().startsWith(VIEWS)) {
                resetViews();
            }
            if (reply.status() < 300 && routing(target)) {
                resetRouting(target.path().contains("/agents/"));
            }
            if (reply.status() < 300 && target.path().startsWith(WEBHOOKS)) {
                resetWebhooks();
            }
            if (reply.status() < 300 && target.path().endsWith(CHILD_TICKETS)) {
                awaitTheJob(caller.api(), reply); // a queued bulk update finishes before the next try reads its witness
            }
            findings.add(
                    i,
                    seed,
                    target.method() + " " + target.name() + (asAgent ? " as an agent" : "")
                            + (headers.isEmpty() ? "" : " with an Idempotency-Key"),
                    contentType + " " + shown,
                    reply,
                    violations);
        }
        findings.assertNone();
    }

    @Test
    void hostileQueryParametersOnEveryListEndpointNeverFailTheServerAndFilterLiterally() {
        hostileQueryParameters(new Findings("hostile query parameters"), listEndpoints(), PARAMETERS, SEED * 2_000);
    }

    /** The same on the webhook lists (docs/webhooks-contract.md), with their filters, from seeds of their own. */
    @Test
    void hostileQueryParametersOnTheWebhookListsNeverFailTheServerAndFilterLiterally() {
        hostileQueryParameters(
                new Findings("hostile webhook query parameters"),
                List.of(WEBHOOKS, WEBHOOKS + "/" + fixture.webhook + "/invocations"),
                WEBHOOK_PARAMETERS,
                SEED * 20_000);
    }

    /**
     * The same on the job status lists (docs/rollup-contract.md §7), from seeds of their own: the list and show_many,
     * whose {@code ids} are ULIDs; a job status is shown only to its creator and admins.
     */
    @Test
    void hostileQueryParametersOnTheJobStatusListsNeverFailTheServer() {
        hostileQueryParameters(
                new Findings("hostile job status query parameters"),
                List.of(JOB_STATUSES, JOB_STATUSES + "/show_many"),
                JOB_STATUS_PARAMETERS,
                SEED * 21_000);
    }

    private void hostileQueryParameters(Findings findings, List<String> lists, List<String> names, long seeds) {
        for (int i = 0; i < RUN; i++) {
            long seed = seeds + i;
            Random random = new Random(seed);
            String path = pick(random, lists);
            Who caller =
                    switch (random.nextInt(6)) {
                        case 0 -> who(fixture.agent);
                        case 1 -> who(fixture.endUser);
                        default -> adminWho();
                    };
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int n = random.nextInt(3) + 1; n > 0; n--) {
                parameters.put(
                        random.nextInt(6) == 0 ? Hostile.text(random) : pick(random, names), parameterValue(random));
            }
            Reply reply;
            String query;
            if (random.nextInt(5) == 0) {
                query = rawQuery(random);
                reply = Reply.of(raw("GET", path + "?" + query, Map.of("Authorization", caller.authorization()), null));
            } else {
                StringBuilder encoded = new StringBuilder();
                parameters.forEach((name, value) -> encoded.append(encoded.isEmpty() ? "" : "&")
                        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
                query = encoded.toString();
                reply = Reply.of(caller.api().get(path + "?" + query));
            }
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() == 409) {
                violations.add("a read answered 409 Conflict");
            }
            if (reply.status() == 200) {
                violations.addAll(filteredLiterally(path, query, reply));
            }
            findings.add(i, seed, "GET " + path, query, reply, violations);
        }
        findings.assertNone();
    }

    /** Hostile input (docs/RULES.md): a new field type fails here until {@link Hostile#FIELD_VALUES} has its edges. */
    @Test
    void everyCustomFieldTypeHasHostileValues() {
        Set<String> types = new TreeSet<>();
        for (FieldType type : FieldType.values()) {
            types.add(type.value());
        }
        assertThat(new TreeSet<>(Hostile.FIELD_VALUES.keySet())).isEqualTo(types);
    }

    /**
     * Custom field values (docs/RULES.md): values at and past the edges of every custom field type (each edge once,
     * then as many tries of any value), on ticket creation and update. Never a 5xx; a refusal is a 422 naming
     * {@code custom_fields.<id>} and writes nothing; what is taken is within the documented ranges (README, "Custom
     * fields") and is stored as it was answered.
     */
    @Test
    void edgeValuesOfEveryCustomFieldTypeAreStoredAsAnsweredOrRefusedNamingTheField() {
        Findings findings = new Findings("custom field values");
        List<String> types = List.copyOf(fixture.valueFields.keySet());
        String valuesTicket = "/api/v2/tickets/" + fixture.valuesTicket;
        Supplier<Object> witness = () -> count("/api/v2/tickets") + " tickets; "
                + admin().get(valuesTicket).body() + count(valuesTicket + "/audits");
        // Every edge of every type once, then as many tries of any value.
        List<Map.Entry<String, String>> edges = new ArrayList<>();
        types.forEach(type -> Hostile.FIELD_VALUES.get(type).forEach(edge -> edges.add(Map.entry(type, edge))));
        for (int i = 0; i < edges.size() + RUN; i++) {
            long seed = SEED * 6_000 + i;
            Random random = new Random(seed);
            String type = i < edges.size() ? edges.get(i).getKey() : types.get(i % types.size());
            long field = fixture.valueFields.get(type);
            String value = i < edges.size() ? edges.get(i).getValue() : Hostile.fieldValue(random, type);
            String entry = "{\"id\": " + field + ", \"value\": " + value + "}";
            boolean create = random.nextBoolean();
            String method = create ? "POST" : "PUT";
            String path = create ? "/api/v2/tickets" : valuesTicket;
            String body = create
                    ? "{\"ticket\": {\"subject\": \"Fuzz values\", \"comment\": {\"body\": \"v\"}, "
                            + "\"ticket_form_id\": " + fixture.valuesForm + ", \"custom_fields\": [" + entry + "]}}"
                    : "{\"ticket\": {\"custom_fields\": [" + entry + "]}}";
            Object before = witness.get();
            Reply reply = send(adminWho(), method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() >= 300 && !Objects.equals(before, witness.get())) {
                violations.add("refused, yet it wrote");
            }
            // The value is named by its field, or (text the database cannot store) by where it stands.
            if (reply.status() == 422
                    && !reply.json().path("details").has("custom_fields." + field)
                    && !reply.json().path("details").has("custom_fields[0].value")) {
                violations.add("a 422 that does not name custom_fields." + field);
            }
            if (reply.status() < 300) {
                JsonNode answered = valueOf(EXACT.readTree(reply.body()).get("ticket"), field);
                String id = reply.json().at("/ticket/id").asString();
                JsonNode stored = valueOf(
                        EXACT.readTree(admin().get("/api/v2/tickets/" + id).body())
                                .get("ticket"),
                        field);
                if (!Objects.equals(answered, stored)) {
                    violations.add("answered " + answered + " but stored " + stored);
                }
                if (answered != null && !withinDocumentedRange(type, answered)) {
                    violations.add("took " + answered + ", outside the documented range of a " + type);
                }
            }
            findings.add(i, seed, method + " " + path + " (" + type + ")", entry, reply, violations);
        }
        findings.assertNone();
    }

    /**
     * Pagination (docs/RULES.md): {@code page} and {@code per_page} at and past the edges of their ranges, and not
     * numbers at all, on every offset-paged list (derived from the OpenAPI description, so a new list is covered). Each
     * is served within the first 10,000 rows or refused as a 400 naming the parameter; never a 5xx.
     */
    @Test
    void pageAndPerPageEdgesOnEveryOffsetPagedListAreServedOrRefusedNamingTheParameter() {
        Findings findings = new Findings("page edges");
        Map<String, String> lists = offsetPagedLists(fixture.resources());
        List<String> templates = List.copyOf(lists.keySet());
        for (int i = 0; i < RUN; i++) {
            long seed = SEED * 7_000 + i;
            Random random = new Random(seed);
            String template = templates.get(i % templates.size());
            String path = lists.get(template);
            Map<String, String> paging = new LinkedHashMap<>();
            if (random.nextInt(5) > 0) {
                paging.put("page", pick(random, Hostile.PAGE_NUMBERS));
            }
            if (random.nextInt(5) > 1) {
                paging.put("per_page", pick(random, Hostile.PAGE_NUMBERS));
            }
            if (random.nextInt(8) == 0) {
                paging.put("page[size]", pick(random, Hostile.PAGE_NUMBERS));
            }
            StringBuilder query = new StringBuilder(path.contains("?") ? path.substring(path.indexOf('?') + 1) : "");
            paging.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            String target = path.replaceFirst("\\?.*", "") + "?" + query;
            Reply reply = Reply.of(admin().get(target));
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            // Search's export pages by cursor only: without page[size] it is refused naming page[size]; the search
            // itself serves its first 1,000 results by offset (docs/search-contract.md).
            boolean cursorOnly = template.equals("/api/v2/search/export");
            long offsetRows = template.equals("/api/v2/search") ? 1_000 : 10_000;
            if (reply.status() == 400) {
                JsonNode details = reply.json().path("details");
                if (paging.keySet().stream().noneMatch(details::has)
                        && !(cursorOnly && !paging.containsKey("page[size]") && details.has("page[size]"))) {
                    violations.add("a 400 that names none of " + paging.keySet());
                }
            } else if (reply.status() != 200) {
                violations.add("neither served nor refused naming a paging parameter");
            } else if (cursorOnly && !paging.containsKey("page[size]")) {
                violations.add("the search export served a page by offset");
            } else if (!paging.containsKey("page[size]")) {
                Integer page = number(paging.getOrDefault("page", "1"));
                Integer perPage = number(paging.getOrDefault("per_page", "100"));
                if (page == null || perPage == null || page < 1 || perPage < 1 || perPage > 100) {
                    violations.add("served a page that is no page");
                } else if ((long) page * perPage > offsetRows) {
                    violations.add("served rows beyond the first " + offsetRows + " by offset");
                }
            }
            findings.add(i, seed, "GET " + template, query.toString(), reply, violations);
        }
        findings.assertNone();
    }

    /**
     * Request content (docs/RULES.md): JSON is UTF-8. A body declared in any other charset, on every write endpoint, is
     * a 415 that writes nothing, whatever it holds (NULs included); one declared UTF-8 is judged on its content. Never
     * a 5xx, never blamed on a concurrent change.
     */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnEveryWriteEndpoint() {
        declaredCharsets(new Findings("declared charsets"), writes, SEED * 8_000);
    }

    /** The same on the trigger endpoints, from seeds of their own. */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnEveryTriggerWriteEndpoint() {
        declaredCharsets(new Findings("declared charsets on triggers"), triggerWrites(), SEED * 10_000);
    }

    /** The same on the macro endpoints, from seeds of their own. */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnEveryMacroWriteEndpoint() {
        declaredCharsets(new Findings("declared charsets on macros"), macroWrites(), SEED * 13_000);
    }

    /** The same on the view endpoints, from seeds of their own. */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnEveryViewWriteEndpoint() {
        declaredCharsets(new Findings("declared charsets on views"), viewWrites(), SEED * 15_000);
    }

    /** The same on the routing endpoints, from seeds of their own. */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnEveryRoutingWriteEndpoint() {
        declaredCharsets(new Findings("declared charsets on routing"), routingWrites(), SEED * 17_000);
    }

    /** The same on the webhook endpoints, from seeds of their own. */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnEveryWebhookWriteEndpoint() {
        declaredCharsets(new Findings("declared charsets on webhooks"), webhookWrites(), SEED * 19_000);
    }

    /** The same on a bulk update of children, from seeds of their own. */
    @Test
    void aBodyDeclaredInAnyCharsetButUtf8IsA415OnTheBulkUpdateOfChildren_B1() {
        declaredCharsets(new Findings("declared charsets on a bulk update"), rollUpWrites(), SEED * 24_000);
    }

    private void declaredCharsets(Findings findings, List<Target> targets, long seeds) {
        for (int i = 0; i < RUN; i++) {
            long seed = seeds + i;
            Random random = new Random(seed);
            Target target = targets.get(i % targets.size());
            String valid = Hostile.json(target.template().get());
            String text =
                    switch (random.nextInt(4)) {
                        case 0 -> valid;
                        case 1 -> valid.replaceFirst(":\"", ":\"\\\\u0000");
                        case 2 -> valid.replaceFirst(":\"", ":\"\0");
                        default ->
                            Hostile.json(
                                    Hostile.mutate(random, target.template().get(), target.knownKeys()));
                    };
            String charset = pick(random, Hostile.CHARSETS);
            String contentType = pick(
                            random,
                            List.of(
                                    "application/json; charset=",
                                    "application/json;charset=",
                                    "application/json ; CHARSET=",
                                    "application/problem+json; charset="))
                    + charset;
            if (namesATrigger(target, text)
                    || namesAMacro(target, text)
                    || namesAView(target, text)
                    || namesARuledAgent(target, text)) {
                continue;
            }
            Object before = target.witness().get();
            Reply reply = send(adminWho(), target.method(), target.path(), Hostile.encode(text, charset), contentType);
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (!Hostile.namesUtf8(charset) && reply.status() != 415) {
                violations.add(
                        "a body declared as charset=" + charset + " was answered " + reply.status() + ", not 415");
            }
            if (reply.status() >= 300
                    && !Objects.equals(before, target.witness().get())) {
                violations.add("refused, yet it wrote");
            }
            if (reply.status() < 300 && target.path().equals(SETTINGS)) {
                turnOnChildTickets();
            }
            if (reply.status() < 300 && target.path().startsWith(TRIGGERS)) {
                resetTriggers();
            }
            if (reply.status() < 300 && target.path().startsWith(MACROS)) {
                resetMacros();
            }
            if (reply.status() < 300 && target.path().startsWith(VIEWS)) {
                resetViews();
            }
            if (reply.status() < 300 && routing(target)) {
                resetRouting(target.path().contains("/agents/"));
            }
            if (reply.status() < 300 && target.path().startsWith(WEBHOOKS)) {
                resetWebhooks();
            }
            if (reply.status() < 300 && target.path().endsWith(CHILD_TICKETS)) {
                awaitTheJob(admin(), reply);
            }
            findings.add(
                    i,
                    seed,
                    target.method() + " " + target.name(),
                    contentType + " " + abbreviate(text, 200),
                    reply,
                    violations);
        }
        findings.assertNone();
    }

    @Test
    void hostilePathSegmentsAndRequestLinesAreRefusedAsProblems() {
        Findings findings = new Findings("hostile paths");
        List<String> templates = List.of(
                "/api/v2/tickets/{x}",
                "/api/v2/tickets/{x}/comments",
                "/api/v2/tickets/{x}/audits",
                "/api/v2/tickets/{x}/child_tickets",
                "/api/v2/tickets/{x}/side_conversations",
                "/api/v2/tickets/" + fixture.ticket + "/side_conversations/{x}",
                "/api/v2/tickets/" + fixture.ticket + "/side_conversations/{x}/events",
                "/api/v2/users/{x}",
                "/api/v2/users/{x}/group_memberships",
                "/api/v2/groups/{x}",
                "/api/v2/groups/{x}/memberships",
                "/api/v2/group_memberships/{x}",
                "/api/v2/custom_roles/{x}",
                "/api/v2/ticket_fields/{x}",
                "/api/v2/ticket_forms/{x}",
                "/api/v2/api_tokens/{x}",
                "/api/v2/triggers/{x}",
                "/api/v2/triggers/{x}/revisions",
                "/api/v2/triggers/" + fixture.trigger + "/revisions/{x}",
                MACROS + "/{x}",
                MACROS + "/{x}/apply",
                "/api/v2/tickets/" + fixture.ticket + "/macros/{x}/apply",
                "/api/v2/tickets/{x}/macros/" + fixture.macro + "/apply",
                VIEWS + "/{x}",
                VIEWS + "/{x}/tickets",
                VIEWS + "/{x}/count",
                VIEWS + "/{x}/export",
                SCHEDULES + "/{x}",
                SCHEDULES + "/{x}/holidays",
                SCHEDULES + "/" + fixture.schedule + "/holidays/{x}",
                "/api/v2/slas/policies/{x}",
                "/api/v2/ticket_metrics/{x}",
                "/api/v2/tickets/{x}/metrics",
                AVAILABILITIES + "/{x}",
                RULES + "/{x}",
                QUEUES + "/{x}");
        List<String> requestLines = List.of(
                "/api/v2/tickets/1 2",
                "/api/v2/tickets/%",
                "/api/v2/tickets/%zz",
                "/api/v2/../../etc/passwd",
                "/api/v2/tickets/..;/users",
                "/api/v2/tickets/%2e%2e/users",
                "/api/v2/tickets/%2f",
                "//api//v2//tickets",
                "/api/v2/tickets\\1",
                "/api/v2/tickets/\u00e9",
                "/api/v2/tickets?a=%",
                "/api/v2/tickets?%",
                "/api/v2/tickets/1.json.json",
                "/api/v2/tickets;jsessionid=x",
                "/api/v2/tickets/<script>",
                "/api/v2/tickets/{id}",
                "/api/v2/tickets/\"1\"",
                "/api/v2/tickets/|",
                "*",
                "http://evil.example/api/v2/tickets",
                "/api/v2/tickets/" + "9".repeat(5_000),
                "/api/v2/tickets?" + "a=1&".repeat(3_000),
                "/api/v2/users/me%00");
        for (int i = 0; i < RUN; i++) {
            long seed = SEED * 3_000 + i;
            Random random = new Random(seed);
            String target;
            Reply reply;
            boolean requestLine = random.nextInt(3) == 0;
            if (requestLine) {
                target = pick(random, requestLines);
                reply = Reply.of(raw(
                        pick(random, List.of("GET", "PUT", "DELETE", "POST")),
                        target,
                        Map.of("Authorization", adminWho().authorization(), "Content-Type", "application/json"),
                        "{}".getBytes(StandardCharsets.UTF_8)));
            } else {
                target = pick(random, templates).replace("{x}", pick(random, SEGMENTS));
                reply = Reply.of(admin().get(target));
            }
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() < 300 && !requestLine) {
                violations.add("a hostile id was served " + reply.status());
            }
            findings.add(i, seed, target, "", reply, violations);
        }
        findings.assertNone();
    }

    /** Path segments no id is spelled as. */
    private static final List<String> SEGMENTS = List.of(
            "-1",
            "0",
            "99999999999999999999",
            "-9223372036854775809",
            "1e3",
            "1.5",
            "abc",
            "%00",
            "%2e%2e",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%2f",
            "%252e%252e",
            "1%20OR%201=1",
            "1;drop",
            "%27%20OR%20%271%27=%271",
            "%3Cscript%3E",
            "%F0%9F%98%80",
            "%E2%80%AE1",
            "null",
            "undefined",
            "true",
            "00000000-0000-0000-0000-00000000000g",
            "%5B%5D",
            "%7B%7D",
            "~",
            "!",
            "$",
            "@",
            "%0d%0aX-Injected:%20y");

    /**
     * Parent ids of the roll-up endpoints (docs/rollup-contract.md §6, §7): every hostile segment as the parent of a
     * child ticket summary (alone or included in the show) or of a bulk update is refused as a problem, never served,
     * and queues nothing.
     */
    @Test
    void hostileParentIdsOfTheRollUpEndpointsAreRefusedAsProblems_B1() {
        Findings findings = new Findings("hostile roll-up parent ids");
        List<String> jobs = jobIds();
        int i = 0;
        for (String segment : SEGMENTS) {
            for (String target : List.of(
                    "/api/v2/tickets/" + segment + "/child_ticket_summary",
                    "/api/v2/tickets/" + segment + "?include=child_ticket_summary")) {
                Reply reply = Reply.of(admin().withoutContract().get(target));
                List<String> violations = new ArrayList<>(reply.shapeViolations());
                if (reply.status() < 300) {
                    violations.add("a hostile id was served " + reply.status());
                }
                findings.add(i++, 0, "GET " + target, "", reply, violations);
            }
            String target = "/api/v2/tickets/" + segment + CHILD_TICKETS;
            Reply reply = Reply.of(admin().withoutContract().put(target, body("ticket", fields("priority", "high"))));
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() < 300) {
                violations.add("a hostile id was served " + reply.status());
            }
            findings.add(i++, 0, "PUT " + target, "", reply, violations);
        }
        findings.assertNone();
        assertThat(jobIds()).as("nothing queued").isEqualTo(jobs);
    }

    /**
     * Webhook and invocation ids (docs/webhooks-contract.md): every hostile segment as a webhook id and as an invocation
     * id is refused as a problem (an unknown id is a 404), never served.
     */
    @Test
    void hostileWebhookAndInvocationIdsAreRefusedAsProblems() {
        Findings findings = new Findings("hostile webhook ids");
        List<String> templates = List.of(
                WEBHOOKS + "/{x}",
                WEBHOOKS + "/{x}/signing_secret",
                WEBHOOKS + "/{x}/invocations",
                WEBHOOKS + "/{x}/invocations/1/attempts",
                WEBHOOKS + "/" + fixture.webhook + "/invocations/{x}/attempts");
        int i = 0;
        for (String template : templates) {
            for (String segment : SEGMENTS) {
                String target = template.replace("{x}", segment);
                Reply reply = Reply.of(admin().get(target));
                List<String> violations = new ArrayList<>(reply.shapeViolations());
                if (reply.status() < 300) {
                    violations.add("a hostile id was served " + reply.status());
                }
                findings.add(i++, 0, target, "", reply, violations);
            }
        }
        findings.assertNone();
    }

    /**
     * Job status ids (docs/rollup-contract.md §7) are ULIDs: every hostile segment as a job status id is a 404 (or the
     * firewall's 400 for a path it will not route), and as
     * show_many's {@code ids} a 400 naming them; never served, never a 5xx. The fuzzer's own job (of a kind no instance
     * runs, queued by its agent) is served to the admin, and as the lowercase or padded spelling of its id is not.
     */
    @Test
    void hostileJobStatusIdsAreRefusedAsProblems() {
        Findings findings = new Findings("hostile job status ids");
        int i = 0;
        for (String segment : SEGMENTS) {
            String target = JOB_STATUSES + "/" + segment;
            Reply reply = Reply.of(admin().get(target));
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            // A 404 as an unknown id, or the firewall's 400 for a path it will not route (%00, %2e%2e).
            if (reply.status() != 404 && reply.status() != 400) {
                violations.add("a hostile id was answered " + reply.status() + ", not 404 (nor the firewall's 400)");
            }
            findings.add(i++, 0, target, "", reply, violations);
            String many = JOB_STATUSES + "/show_many?ids=" + segment;
            Reply refused = Reply.of(admin().get(many));
            List<String> manyViolations = new ArrayList<>(refused.shapeViolations());
            if (refused.status() != 400) {
                manyViolations.add("hostile ids were answered " + refused.status() + ", not 400");
            }
            findings.add(i++, 0, many, "", refused, manyViolations);
        }
        String own = fixture.jobStatus;
        for (String spelling : List.of(own.toLowerCase(Locale.ROOT), own + "%00", "%20" + own, own + "0")) {
            String target = JOB_STATUSES + "/" + spelling;
            Reply reply = Reply.of(admin().get(target));
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() < 300) {
                violations.add("another spelling of a job status id was served " + reply.status());
            }
            findings.add(i++, 0, target, "", reply, violations);
        }
        assertThat(admin().get(JOB_STATUSES + "/" + own).status()).isEqualTo(200);
        findings.assertNone();
    }

    /**
     * Ids are decimal integers (README, "The dialect"): another spelling of a number is not an id this API
     * issued, so it is not found, rather than silently read as hexadecimal or as digits of another script.
     */
    @TestFactory
    Stream<DynamicTest> anIdThatIsNotADecimalIntegerIsNotFound() {
        String hex = "0x" + Long.toHexString(fixture.ticket);
        String arabicIndic = String.valueOf(fixture.ticket)
                .chars()
                .mapToObj(d -> String.valueOf((char) ('\u0660' + d - '0')))
                .reduce("", String::concat);
        return Stream.of(
                        Map.entry("hexadecimal " + hex, hex),
                        Map.entry(
                                "Arabic-Indic digits " + arabicIndic,
                                URLEncoder.encode(arabicIndic, StandardCharsets.UTF_8)))
                .map(id -> dynamicTest("the ticket id in " + id.getKey() + " is not found", () -> {
                    Api.Response response = admin().get("/api/v2/tickets/" + id.getValue());
                    assertThat(response.status())
                            .as(abbreviate(response.toString(), 300))
                            .isEqualTo(404);
                    assertThat(errorShapeViolations(response)).isEmpty();
                }));
    }

    /**
     * {@code destroy_many?ids=}, hostile: refused as a problem (a 400 or, when it names no id at all, a 422 naming
     * {@code ids}; a 404 for ids that name no trigger), and nothing is deleted. Ids are ASCII decimal: a trigger's id spelled in other digits, or with a
     * plus, is not its id (it was read as it: such a request deleted the trigger).
     */
    @Test
    void hostileIdsOnDestroyManyAreRefusedAndDeleteNothing() {
        long target = ok(admin().post(TRIGGERS, body("trigger", triggerFields())), 201)
                .at("/trigger/id")
                .asLong();
        hostileIdsOnDestroyMany(TRIGGERS, target);
    }

    /** The same on the macros' destroy_many. */
    @Test
    void hostileIdsOnMacroDestroyManyAreRefusedAndDeleteNothing() {
        long target = ok(admin().post(MACROS, body("macro", macroFields())), 201)
                .at("/macro/id")
                .asLong();
        try {
            hostileIdsOnDestroyMany(MACROS, target);
        } finally {
            assertThat(admin().delete(MACROS + "/" + target).status()).isIn(204, 404);
        }
    }

    private void hostileIdsOnDestroyMany(String base, long target) {
        String id = String.valueOf(target);
        String missing = "987654321";
        List<String> values = new ArrayList<>(List.of(
                "",
                " ",
                ",,,",
                "abc",
                "-1",
                "0",
                "1e3",
                "1.5",
                "0x10",
                "99999999999999999999",
                missing + ",abc",
                missing + ";drop",
                missing + "," + id + "," + missing,
                "' OR '1'='1",
                "%",
                "*",
                String.join(",", java.util.Collections.nCopies(150, missing)),
                String.join(
                        ",",
                        java.util.stream.LongStream.range(0, 101)
                                .mapToObj(n -> String.valueOf(987_654_000L + n))
                                .toList()),
                "+" + id,
                id + "e0",
                id.chars()
                        .mapToObj(d -> String.valueOf((char) ('\u0660' + d - '0')))
                        .reduce("", String::concat),
                id.chars()
                        .mapToObj(d -> String.valueOf((char) ('\uFF10' + d - '0')))
                        .reduce("", String::concat)));
        Findings findings = new Findings(base + " destroy_many ids");
        for (int i = 0; i < values.size(); i++) {
            String query = "ids=" + URLEncoder.encode(values.get(i), StandardCharsets.UTF_8);
            long before = count(base);
            Reply reply = Reply.of(admin().delete(base + "/destroy_many?" + query));
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() != 400 && reply.status() != 404 && reply.status() != 422) {
                violations.add("answered " + reply.status() + ", neither 400, 404 nor 422");
            }
            if (reply.status() != 404 && !reply.json().path("details").has("ids")) {
                violations.add("a refusal that does not name ids");
            }
            if (count(base) != before || admin().get(base + "/" + target).status() != 200) {
                violations.add("refused, yet it deleted");
            }
            findings.add(i, 0, "DELETE " + base + "/destroy_many", query, reply, violations);
        }
        findings.assertNone();
    }

    /**
     * B5, rate limits: spellings of a ticket's id in an update's path either reach that very ticket or are refused as
     * problems (never a 5xx, never another ticket); the rate limit counts what they reach.
     */
    @Test
    void idSpellingsOfATicketUpdateReachThatTicketOrAreRefused() {
        String id = String.valueOf(fixture.ticket);
        StringBuilder percentEncoded = new StringBuilder();
        id.chars().forEach(digit -> percentEncoded.append("%3").append((char) digit));
        List<String> spellings = List.of(
                id,
                id + ".json",
                "0" + id,
                "+" + id,
                "%2B" + id,
                "-" + id,
                "%2D" + id,
                percentEncoded.toString(),
                percentEncoded + ".json",
                "%20" + id,
                id + "%20",
                "%09" + id,
                id + "%0A",
                id + "%00",
                "0x" + Long.toHexString(fixture.ticket),
                id + "%2F",
                id + ";x=1",
                id + "%3B",
                id + "/",
                id + "%2e",
                id + "e0",
                id + ".0",
                "%EF%BC%91" + id,
                id + "%C2%A0",
                "%E2%80%8B" + id);
        Findings findings = new Findings("ticket id spellings");
        for (int i = 0; i < spellings.size(); i++) {
            String target = "/api/v2/tickets/" + spellings.get(i);
            Reply reply = Reply.of(raw(
                    "PUT",
                    target,
                    Map.of("Authorization", adminWho().authorization(), "Content-Type", "application/json"),
                    "{\"ticket\": {\"priority\": \"low\"}}".getBytes(StandardCharsets.UTF_8)));
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() == 200
                    && JSON.readTree(reply.body()).at("/ticket/id").asLong() != fixture.ticket) {
                violations.add("served another ticket than " + id);
            }
            if (reply.status() != 200 && reply.status() / 100 != 4) {
                violations.add("neither served nor refused: " + reply.status());
            }
            findings.add(i, 0, target, "", reply, violations);
        }
        findings.assertNone();
    }

    /** The forged port after a host name ({@code "id":666} is no link). */
    private static final Pattern FORGED_PORT = Pattern.compile("[\\w.\\]]:666\\b");

    /**
     * Trusted proxies (docs/RULES.md): forwarded headers from a client that is no trusted proxy (none is, by default)
     * reach no link, url, Location or OpenAPI server: a client cannot make the service point others at its host.
     */
    @Test
    void forwardedHeadersFromAnUntrustedClientReachNoLink() {
        Api forged = admin().withHeader("X-Forwarded-Host", "evil.example")
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Port", "666")
                .withHeader("X-Forwarded-Prefix", "/evil")
                .withHeader("X-Forwarded-For", "203.0.113.9")
                .withHeader("Forwarded", "for=203.0.113.9;host=evil.example;proto=https");
        List<Api.Response> responses = List.of(
                forged.get("/api/v2/tickets?per_page=1"),
                forged.get("/api/v2/tickets?page[size]=1"),
                forged.get("/api/v2/tickets/" + fixture.ticket),
                forged.get("/api/v2/users/me.json"),
                forged.get("/api/v2/tickets/" + fixture.ticket + "/side_conversations"),
                forged.post("/api/v2/tickets", Map.of("ticket", Map.of("comment", Map.of("body", "forwarded")))),
                forged.anonymous().get("/v3/api-docs"),
                forged.get("/api/v2/no_such_endpoint"));
        for (Api.Response response : responses) {
            assertThat(response.status())
                    .as(abbreviate(response.toString(), 300))
                    .isLessThan(500);
            assertThat(response.body())
                    .as(abbreviate(response.toString(), 300))
                    .doesNotContain("evil")
                    .doesNotContainPattern(FORGED_PORT);
            assertThat(response.headers().map().toString())
                    .doesNotContain("evil")
                    .doesNotContainPattern(FORGED_PORT);
        }
        assertThat(responses.get(6).json().at("/servers/0/url").asString()).startsWith("http://localhost:" + port());
        assertThat(responses.get(5).header("Location")).startsWith("http://localhost:" + port() + "/api/v2/tickets/");
    }

    @Test
    void unicodeHeavyTextIsStoredAsSentOrRefusedAsAProblem() {
        Findings findings = new Findings("unicode round trips");
        for (int i = 0; i < RUN; i++) {
            long seed = SEED * 4_000 + i;
            Random random = new Random(seed);
            boolean loneSurrogate = random.nextInt(4) == 0;
            String text = Hostile.unicode(random, 200) + "-" + unique("u");
            String rawText = loneSurrogate
                    ? Hostile.json(text)
                            .replaceFirst(
                                    "-",
                                    pick(random, List.of("\\\\ud800", "\\\\udfff", "\\\\ud83dx", "\\\\ude00")) + "-")
                    : Hostile.json(text);
            RoundTrip trip = pick(random, roundTrips());
            Reply reply = send(
                    adminWho(),
                    trip.method(),
                    trip.path(),
                    trip.body(rawText).getBytes(StandardCharsets.UTF_8),
                    "application/json");
            List<String> violations = new ArrayList<>(reply.shapeViolations());
            if (reply.status() < 300) {
                JsonNode written = reply.json().at(trip.pointer());
                JsonNode read =
                        ok(admin().get(trip.readBack(reply.json())), 200).at(trip.pointer());
                if (!loneSurrogate && !text.equals(written.asString())) {
                    violations.add("answered " + written + " for " + Hostile.json(text));
                }
                if (!written.equals(read)) {
                    violations.add("answered " + written + " but stored " + read);
                }
            } else if (!loneSurrogate) {
                violations.add("refused valid Unicode");
            }
            findings.add(i, seed, trip.method() + " " + trip.path(), rawText, reply, violations);
        }
        findings.assertNone();
    }

    @Test
    void aHostileRequestIdIsNeverEchoed() {
        Findings findings = new Findings("request ids");
        for (int i = 0; i < 50; i++) {
            long seed = SEED * 5_000 + i;
            Random random = new Random(seed);
            String given = random.nextInt(4) == 0
                    ? "req-" + random.nextInt(1_000_000)
                    : Hostile.text(random).replace("\r", "").replace("\n", "");
            if (given.length() > 4_000) {
                given = given.substring(0, 4_000);
            }
            RawResponse response = raw(
                    "GET",
                    "/api/v2/users/me",
                    Map.of("Authorization", adminWho().authorization(), "X-Request-Id", given),
                    null);
            String echoed = response.headers().get("x-request-id");
            List<String> violations =
                    new ArrayList<>(errorShapeViolations(response.status(), response.contentType(), response.body()));
            if (echoed == null && response.status() < 400) {
                violations.add("served without an X-Request-Id");
            } else if (echoed != null && !SANE_REQUEST_ID.matcher(echoed).matches()) {
                violations.add("X-Request-Id answered as " + echoed);
            } else if (echoed != null && SANE_REQUEST_ID.matcher(given).matches() && !given.equals(echoed)) {
                violations.add("a sane X-Request-Id was not kept");
            }
            findings.add(i, seed, "GET /api/v2/users/me", "X-Request-Id: " + given, Reply.of(response), violations);
        }
        findings.assertNone();
    }

    // ---- specific cases ---------------------------------------------------------------------------------------

    /**
     * Spring Security's firewall refuses a control character in a header the service reads: a 400 problem that
     * names the header and does not echo its value (it may be a credential). A tab is allowed.
     */
    @Test
    void aControlCharacterInAHeaderIsRefusedNamingTheHeaderNotItsValue() {
        String authorization = adminWho().authorization();
        RawResponse accept = raw(
                "GET",
                "/api/v2/users/me",
                Map.of("Authorization", authorization, "Accept", "application/json\u0085"),
                null);
        assertThat(accept.status()).as(accept.toString()).isEqualTo(400);
        assertThat(errorShapeViolations(accept.status(), accept.contentType(), accept.body()))
                .isEmpty();
        assertThat(accept.body())
                .contains("the header: \\\"Accept\\\" has a value that is not allowed")
                .doesNotContain("application/json");

        RawResponse credential =
                raw("GET", "/api/v2/users/me", Map.of("Authorization", authorization + "\u0085"), null);
        assertThat(credential.status()).as(credential.toString()).isEqualTo(400);
        assertThat(credential.body())
                .contains("the header: \\\"Authorization\\\" has a value")
                .doesNotContain(authorization.substring("Basic ".length()));

        RawResponse tab = raw(
                "GET",
                "/api/v2/users/me",
                Map.of("Authorization", authorization, "Accept", "application/json,\ttext/plain"),
                null);
        assertThat(tab.status()).as(tab.toString()).isEqualTo(200);
    }

    /** PostgreSQL cannot store U+0000 in text: a NUL is bad input, refused naming its field, and nothing is written. */
    @TestFactory
    Stream<DynamicTest> aNulInAStoredStringIsRefusedNamingTheField() {
        String nul = "before\u0000after";
        return Stream.of(
                        new NulCase(
                                "ticket subject",
                                "subject",
                                "POST",
                                "/api/v2/tickets",
                                Map.of("ticket", Map.of("subject", nul, "comment", Map.of("body", "NUL test"))),
                                () -> count("/api/v2/tickets")),
                        new NulCase(
                                "comment body",
                                "comment.body",
                                "PUT",
                                "/api/v2/tickets/" + fixture.ticket,
                                Map.of("ticket", Map.of("comment", Map.of("body", nul))),
                                () -> count("/api/v2/tickets/" + fixture.ticket + "/audits")),
                        new NulCase(
                                "user name",
                                "name",
                                "POST",
                                "/api/v2/users",
                                Map.of("user", Map.of("name", nul, "email", unique("nul") + "@example.com")),
                                () -> count("/api/v2/users")),
                        new NulCase(
                                "group name",
                                "name",
                                "POST",
                                "/api/v2/groups",
                                Map.of("group", Map.of("name", unique("nul") + nul)),
                                () -> count("/api/v2/groups")),
                        new NulCase(
                                "side conversation message body",
                                "message.body",
                                "POST",
                                "/api/v2/tickets/" + fixture.ticket + "/side_conversations",
                                Map.of(
                                        "message",
                                        Map.of(
                                                "subject",
                                                "NUL",
                                                "body",
                                                nul,
                                                "to",
                                                List.of(Map.of("support_group_id", fixture.group)))),
                                () -> count("/api/v2/tickets/" + fixture.ticket + "/side_conversations") + "/"
                                        + count("/api/v2/tickets")),
                        new NulCase(
                                "trigger title",
                                "title",
                                "POST",
                                TRIGGERS,
                                body("trigger", triggerFields("title", nul)),
                                () -> count(TRIGGERS)),
                        new NulCase(
                                "webhook name",
                                "name",
                                "POST",
                                WEBHOOKS,
                                body("webhook", webhookFieldsOf("name", nul)),
                                () -> admin().get(WEBHOOKS + "?page[size]=100").body()),
                        new NulCase(
                                "webhook custom header",
                                "custom_headers.X-Fuzz",
                                "POST",
                                WEBHOOKS,
                                body("webhook", webhookFieldsOf("custom_headers", fields("X-Fuzz", nul))),
                                () -> admin().get(WEBHOOKS + "?page[size]=100").body()))
                .map(nulCase ->
                        dynamicTest("a NUL in the " + nulCase.what() + " is refused naming " + nulCase.field(), () -> {
                            Object before = nulCase.witness().get();
                            Api.Response response = admin().send(nulCase.method(), nulCase.path(), nulCase.body());
                            assertInvalidNaming(response, nulCase.field());
                            assertThat(nulCase.witness().get())
                                    .as("nothing written")
                                    .isEqualTo(before);
                        }));
    }

    @TestFactory
    Stream<DynamicTest> aHundredThousandLevelsOfNestingAreRefusedAsMalformedWithoutHarm() {
        return Stream.of(
                        Map.entry("arrays", Hostile.nested(100_000)),
                        Map.entry("objects", Hostile.nestedObjects(100_000)))
                .map(nesting -> dynamicTest(
                        "100,000 nested " + nesting.getKey() + " are a 400 and the service stays up", () -> {
                            long tickets = count("/api/v2/tickets");
                            Api.Response response = admin().send("POST", "/api/v2/tickets", nesting.getValue());
                            assertThat(response.status())
                                    .as(response.toString())
                                    .isEqualTo(400);
                            assertThat(errorShapeViolations(response))
                                    .as(response.toString())
                                    .isEmpty();
                            assertThat(count("/api/v2/tickets")).isEqualTo(tickets);
                            assertThat(admin().get("/api/v2/users/me").status()).isEqualTo(200);
                        }));
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedAs413WithoutBeingWritten() {
        long tickets = count("/api/v2/tickets");
        String big =
                "{\"ticket\": {\"subject\": \"Too big\", \"comment\": {\"body\": \"" + "a".repeat(10_500_000) + "\"}}}";
        Api.Response response;
        try {
            response = admin().send("POST", "/api/v2/tickets", big);
        } catch (IllegalStateException e) {
            throw new AssertionError("No HTTP answer to a body of " + big.length() + " bytes: " + e.getCause(), e);
        }
        assertThat(response.status()).as(abbreviate(response.toString(), 500)).isEqualTo(413);
        assertThat(errorShapeViolations(response)).as(response.toString()).isEmpty();
        assertThat(count("/api/v2/tickets")).isEqualTo(tickets);
        assertThat(admin().get("/api/v2/users/me").status()).isEqualTo(200);
    }

    /**
     * A body that is not sent as JSON is refused as 415, whatever the Content-Type says, wildcards included; YAML too,
     * of which JSON is a subset (Spring once read it through a Jackson 2 mapper of its own).
     */
    @TestFactory
    Stream<DynamicTest> aBodyNotSentAsJsonIsRefusedAs415() {
        return Stream.of(
                        "*/*",
                        "application/*",
                        "text/plain",
                        "application/xml",
                        "application/yaml",
                        "application/x.a+yaml")
                .map(type -> dynamicTest("Content-Type " + type + " is a 415 and nothing is written", () -> {
                    long users = count("/api/v2/users");
                    Api.Response response = admin().send(
                                    "POST",
                                    "/api/v2/users",
                                    Hostile.json(Map.of(
                                            "user",
                                            Map.of("name", "Typed", "email", unique("typed") + "@example.com"))),
                                    type);
                    assertThat(response.status()).as(response.toString()).isEqualTo(415);
                    assertThat(errorShapeViolations(response))
                            .as(response.toString())
                            .isEmpty();
                    assertThat(count("/api/v2/users")).isEqualTo(users);
                }));
    }

    /**
     * A line break in a query parameter's name is refused as a bad request on every list, including one that
     * has a next page (whose link is built from the request's parameters).
     */
    @TestFactory
    Stream<DynamicTest> aLineBreakInAQueryParameterNameIsABadRequest() {
        return Stream.of("/api/v2/users?per_page=1", "/api/v2/groups?per_page=1", "/api/v2/users?per_page=1000000")
                .map(list -> dynamicTest(list + " with a parameter named line%0D%0AX-Injected is a 4xx problem", () -> {
                    Api.Response response = admin().get(list + "&line%0D%0AX-Injected%3A+yes=1");
                    assertThat(response.status())
                            .as(abbreviate(response.toString(), 300))
                            .isBetween(400, 499);
                    assertThat(errorShapeViolations(response))
                            .as(response.toString())
                            .isEmpty();
                }));
    }

    private record NulCase(
            String what, String field, String method, String path, Object body, Supplier<Object> witness) {}

    // ---- what the properties send -----------------------------------------------------------------------------

    /** A write endpoint: a valid body to start from, member names worth adding, and what a refusal must not change. */
    private record Target(
            String name,
            String method,
            String path,
            Supplier<Object> template,
            List<String> knownKeys,
            Supplier<Object> witness,
            boolean agentToo) {}

    private List<Target> writeTargets() {
        Fixture f = fixture;
        String ticket = "/api/v2/tickets/" + f.ticket;
        String conversation = ticket + "/side_conversations/" + f.sideConversation;
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(
                "/tickets",
                "POST",
                "/api/v2/tickets",
                () -> body(
                        "ticket",
                        fields(
                                "subject",
                                "Fuzz",
                                "comment",
                                fields("body", "Fuzz body", "public", true),
                                "priority",
                                "normal",
                                "type",
                                "question",
                                "tags",
                                new ArrayList<>(List.of("fuzz")),
                                "group_id",
                                f.group,
                                "requester_id",
                                f.endUser.id(),
                                "external_id",
                                unique("fuzz"),
                                "custom_fields",
                                numericAndDateValues(f, fields("id", f.textField, "value", "v")),
                                "follower_ids",
                                new ArrayList<>(List.of(f.agent.id())),
                                "email_cc_ids",
                                new ArrayList<>(List.of(f.endUser.id())))),
                List.of(
                        "requester",
                        "assignee_id",
                        "ticket_form_id",
                        "status",
                        "collaborator_ids",
                        "html_body",
                        "author_id",
                        "safe_update",
                        "updated_stamp",
                        "public",
                        "body"),
                () -> count("/api/v2/tickets") + " tickets, " + count("/api/v2/users") + " users",
                true));
        targets.add(new Target(
                "/tickets/{ticket_id}",
                "PUT",
                ticket,
                () -> body(
                        "ticket",
                        fields(
                                "subject",
                                "Fuzz updated",
                                "comment",
                                fields("body", "Fuzz comment", "public", false),
                                "priority",
                                "high",
                                "tags",
                                new ArrayList<>(List.of("fuzz")),
                                "custom_fields",
                                numericAndDateValues(f, fields("id", f.textField, "value", "v")))),
                List.of(
                        "requester",
                        "requester_id",
                        "assignee_id",
                        "group_id",
                        "ticket_form_id",
                        "status",
                        "external_id",
                        "collaborator_ids",
                        "follower_ids",
                        "email_cc_ids",
                        "html_body",
                        "author_id",
                        "safe_update",
                        "updated_stamp",
                        "type"),
                () -> admin().get(ticket).body() + count(ticket + "/audits"),
                true));
        targets.add(new Target(
                "/tickets/{ticket_id}/side_conversations",
                "POST",
                ticket + "/side_conversations",
                () -> fields(
                        "message",
                        fields(
                                "subject",
                                "Fuzz",
                                "body",
                                "Fuzz",
                                "html_body",
                                "<p>Fuzz</p>",
                                "preview_text",
                                "p",
                                "to",
                                new ArrayList<>(
                                        List.of(fields("support_group_id", f.group, "support_agent_id", f.agent.id()))),
                                "external_ids",
                                fields("k", "v")),
                        "external_ids",
                        fields("a", "b"),
                        "copy_fields",
                        new ArrayList<>(List.of("tags"))),
                List.of("email", "user_id", "support_group_id", "support_agent_id", "attachment_ids", "from"),
                () -> count(ticket + "/side_conversations") + " side conversations, " + count("/api/v2/tickets")
                        + " tickets",
                true));
        targets.add(new Target(
                "/tickets/{ticket_id}/side_conversations/{side_conversation_id}/reply",
                "POST",
                conversation + "/reply",
                () -> fields(
                        "message",
                        fields(
                                "body",
                                "Fuzz reply",
                                "to",
                                new ArrayList<>(List.of(fields("support_group_id", f.group))))),
                List.of("html_body", "subject", "preview_text", "support_agent_id", "email", "user_id"),
                () -> count(conversation + "/events") + " events, " + count("/api/v2/tickets/" + f.child + "/comments")
                        + " child comments",
                true));
        targets.add(new Target(
                "/tickets/{ticket_id}/side_conversations/{side_conversation_id}",
                "PUT",
                conversation,
                () -> body("side_conversation", fields("state", "open", "subject", "Fuzz")),
                List.of("participants"),
                () -> admin().get(conversation).body(),
                true));
        targets.add(new Target(
                "/users",
                "POST",
                "/api/v2/users",
                () -> body(
                        "user",
                        fields(
                                "name",
                                "Fuzz",
                                "email",
                                unique("fuzz") + "@example.com",
                                "role",
                                "agent",
                                "custom_role_id",
                                f.role)),
                List.of("default_group_id", "active", "role_type", "id"),
                () -> count("/api/v2/users"),
                false));
        targets.add(new Target(
                "/users/{user_id}",
                "PUT",
                "/api/v2/users/" + f.editable.id(),
                () -> body(
                        "user",
                        fields(
                                "name",
                                "Fuzz",
                                "email",
                                unique("fuzz") + "@example.com",
                                "role",
                                "agent",
                                "custom_role_id",
                                f.role,
                                "default_group_id",
                                f.group)),
                List.of("active", "role_type", "id"),
                () -> admin().get("/api/v2/users/" + f.editable.id()).body()
                        + admin().get("/api/v2/users/" + f.editable.id() + "/group_memberships")
                                .body(),
                false));
        targets.add(new Target(
                "/groups",
                "POST",
                "/api/v2/groups",
                () -> body("group", fields("name", unique("fuzz"), "description", "d", "is_public", true)),
                List.of("deleted", "id"),
                () -> count("/api/v2/groups"),
                false));
        targets.add(new Target(
                "/groups/{group_id}",
                "PUT",
                "/api/v2/groups/" + f.editableGroup,
                () -> body("group", fields("name", unique("fuzz"), "description", "d", "is_public", false)),
                List.of("deleted", "id"),
                () -> admin().get("/api/v2/groups/" + f.editableGroup).body(),
                false));
        targets.add(new Target(
                "/group_memberships",
                "POST",
                "/api/v2/group_memberships",
                () -> body("group_membership", fields("user_id", f.joiner.id(), "group_id", f.group)),
                List.of("default"),
                () -> count("/api/v2/group_memberships"),
                false));
        targets.add(new Target(
                "/users/{user_id}/group_memberships",
                "POST",
                "/api/v2/users/" + f.joiner.id() + "/group_memberships",
                () -> body("group_membership", fields("group_id", f.otherGroup)),
                List.of("default", "user_id"),
                () -> count("/api/v2/group_memberships"),
                false));
        targets.add(new Target(
                "/custom_roles",
                "POST",
                "/api/v2/custom_roles",
                () -> body(
                        "custom_role",
                        fields(
                                "name",
                                unique("fuzz"),
                                "description",
                                "d",
                                "role_type",
                                0,
                                "configuration",
                                fields(
                                        "side_conversation_create",
                                        true,
                                        "ticket_access",
                                        "all",
                                        "ticket_comment_access",
                                        "public",
                                        "assign_tickets_to_any_group",
                                        true))),
                List.of("id"),
                () -> count("/api/v2/custom_roles"),
                false));
        targets.add(new Target(
                "/custom_roles/{custom_role_id}",
                "PUT",
                "/api/v2/custom_roles/" + f.editableRole,
                () -> body(
                        "custom_role",
                        fields(
                                "name",
                                unique("fuzz"),
                                "description",
                                "d",
                                "role_type",
                                0,
                                "configuration",
                                fields("ticket_access", "within-groups", "ticket_comment_access", "none"))),
                List.of("id"),
                () -> admin().get("/api/v2/custom_roles/" + f.editableRole).body(),
                false));
        targets.add(new Target(
                "/ticket_fields",
                "POST",
                "/api/v2/ticket_fields",
                () -> body(
                        "ticket_field",
                        fields(
                                "type",
                                "tagger",
                                "title",
                                "Fuzz",
                                "description",
                                "d",
                                "required",
                                false,
                                "active",
                                true,
                                "custom_field_options",
                                new ArrayList<>(List.of(fields("name", "A", "value", "fuzz_a"))))),
                List.of("id", "position"),
                () -> count("/api/v2/ticket_fields"),
                false));
        targets.add(new Target(
                "/ticket_fields/{ticket_field_id}",
                "PUT",
                "/api/v2/ticket_fields/" + f.taggerField,
                () -> body(
                        "ticket_field",
                        fields(
                                "title",
                                "Fuzz",
                                "description",
                                "d",
                                "custom_field_options",
                                new ArrayList<>(List.of(
                                        fields("name", "A", "value", "fuzz_a"),
                                        fields("name", "B", "value", "fuzz_b"))))),
                List.of("type", "required", "active"),
                () -> admin().get("/api/v2/ticket_fields/" + f.taggerField).body(),
                false));
        targets.add(new Target(
                "/ticket_forms",
                "POST",
                "/api/v2/ticket_forms",
                () -> body(
                        "ticket_form",
                        fields(
                                "name",
                                "Fuzz",
                                "ticket_field_ids",
                                new ArrayList<>(List.of(f.textField)),
                                "active",
                                true)),
                List.of("id"),
                () -> count("/api/v2/ticket_forms"),
                false));
        targets.add(new Target(
                "/ticket_forms/{ticket_form_id}",
                "PUT",
                "/api/v2/ticket_forms/" + f.form,
                () -> body(
                        "ticket_form",
                        fields(
                                "name",
                                "Fuzz",
                                "ticket_field_ids",
                                new ArrayList<>(List.of(
                                        f.textField, f.taggerField, f.integerField, f.decimalField, f.dateField)))),
                List.of("active"),
                () -> admin().get("/api/v2/ticket_forms/" + f.form).body(),
                false));
        targets.add(new Target(
                "/api_tokens",
                "POST",
                "/api/v2/api_tokens",
                () -> body("api_token", fields("description", "fuzz", "user_id", f.agent.id())),
                List.of("token", "id"),
                () -> count("/api/v2/api_tokens"),
                false));
        targets.add(new Target(
                "/account/settings",
                "PUT",
                SETTINGS,
                () -> body(
                        "settings",
                        fields(
                                "side_conversations",
                                fields(
                                        "tickets_channel",
                                        true,
                                        "child_ticket_comment_type",
                                        "public",
                                        "child_ticket_status_updates",
                                        true,
                                        "child_ticket_default_copy_fields",
                                        new ArrayList<>(List.of("tags"))))),
                List.of("email_channel"),
                () -> admin().get(SETTINGS).body(),
                false));
        return targets;
    }

    /** The business hours write endpoints: the fuzzer's own schedule and its holidays are what they may change. */
    private List<Target> scheduleWrites() {
        String schedule = SCHEDULES + "/" + fixture.schedule;
        String holiday = schedule + "/holidays/" + fixture.holiday;
        List<String> keys = List.of("id", "url", "created_at", "updated_at", "intervals", "start_time");
        Supplier<Object> theSchedule = () -> admin().get(schedule).body();
        Supplier<Object> holidays = () -> ApiAssertions.all(admin(), schedule + "/holidays", "holidays");
        return List.of(
                new Target(
                        "/business_hours/schedules",
                        "POST",
                        SCHEDULES,
                        () -> body("schedule", scheduleFields()),
                        keys,
                        () -> count(SCHEDULES),
                        false),
                new Target(
                        "/business_hours/schedules/{schedule_id}",
                        "PUT",
                        schedule,
                        () -> body("schedule", scheduleFields()),
                        keys,
                        theSchedule,
                        false),
                new Target(
                        "/business_hours/schedules/{schedule_id}/workweek",
                        "PUT",
                        schedule + "/workweek",
                        () -> body("workweek", fields("intervals", intervals())),
                        keys,
                        theSchedule,
                        false),
                new Target(
                        "/business_hours/schedules/{schedule_id}/holidays",
                        "POST",
                        schedule + "/holidays",
                        () -> body("holiday", holidayFields()),
                        List.of("id", "date", "end_time"),
                        holidays,
                        false),
                new Target(
                        "/business_hours/schedules/{schedule_id}/holidays/{holiday_id}",
                        "PUT",
                        holiday,
                        () -> body("holiday", holidayFields()),
                        List.of("id", "date", "end_time"),
                        holidays,
                        false));
    }

    private static Map<String, Object> scheduleFields() {
        return fields("name", "Fuzz schedule", "time_zone", "Europe/Paris", "intervals", intervals());
    }

    private static List<Object> intervals() {
        return new ArrayList<>(
                List.of(fields("start_time", 1980, "end_time", 2460), fields("start_time", 3420, "end_time", 3900)));
    }

    private static Map<String, Object> holidayFields() {
        return fields("name", "Fuzz holiday", "start_date", "2026-12-24", "end_date", "2026-12-26");
    }

    /** Every schedule but the fuzzer's own, deleted (one a valid create made). */
    private void deleteOtherSchedules() {
        for (JsonNode schedule : ApiAssertions.all(admin(), SCHEDULES, "schedules")) {
            long id = schedule.get("id").asLong();
            if (id != fixture.schedule) {
                assertThat(admin().delete(SCHEDULES + "/" + id).status()).isEqualTo(204);
            }
        }
    }

    /** The trigger write endpoints: the fuzzer's own trigger, and no other, is what they may change. */
    private List<Target> triggerWrites() {
        Fixture f = fixture;
        List<Target> targets = new ArrayList<>();
        String trigger = TRIGGERS + "/" + f.trigger;
        Supplier<Object> everyTrigger = () -> admin().get(TRIGGERS).body() + count(trigger + "/revisions");
        List<String> triggerKeys = List.of("position", "category_id", "id", "default", "raw_title", "url");
        targets.add(new Target(
                "/triggers",
                "POST",
                TRIGGERS,
                () -> body("trigger", triggerFields("description", "Fuzz", "category_id", "fuzz", "position", 1)),
                triggerKeys,
                () -> count(TRIGGERS),
                false));
        targets.add(new Target(
                "/triggers/{trigger_id}",
                "PUT",
                trigger,
                () -> body("trigger", triggerFields("description", "Fuzz updated")),
                triggerKeys,
                () -> admin().get(trigger).body() + count(trigger + "/revisions"),
                false));
        targets.add(new Target(
                "/triggers/reorder",
                "PUT",
                TRIGGERS + "/reorder",
                () -> fields("trigger_ids", new ArrayList<>(List.of(f.trigger))),
                List.of("triggers", "ids"),
                everyTrigger,
                false));
        targets.add(new Target(
                "/triggers/update_many",
                "PUT",
                TRIGGERS + "/update_many",
                () -> fields(
                        "triggers",
                        new ArrayList<>(List.of(
                                fields("id", f.trigger, "position", 1, "active", false, "category_id", "fuzz")))),
                List.of("trigger_ids", "title", "conditions"),
                everyTrigger,
                false));
        return targets;
    }

    private static final String TRIGGERS = "/api/v2/triggers";

    private static final String MACROS = "/api/v2/macros";

    /**
     * The macro write endpoints, and applying a macro in a ticket update: the fuzzer's own macro, and no other, is
     * what they may change (a macro they create is deleted at once).
     */
    private List<Target> macroWrites() {
        Fixture f = fixture;
        List<Target> targets = new ArrayList<>();
        String macro = MACROS + "/" + f.macro;
        Supplier<Object> everyMacro =
                () -> admin().withoutContract().get(MACROS).body();
        List<String> macroKeys = List.of("position", "restriction", "id", "default", "raw_title", "url", "ids");
        targets.add(new Target(
                "/macros",
                "POST",
                MACROS,
                () -> body("macro", macroFields("description", "Fuzz", "position", 1)),
                macroKeys,
                () -> count(MACROS),
                true));
        targets.add(new Target(
                "/macros/{macro_id}",
                "PUT",
                macro,
                () -> body("macro", macroFields("description", "Fuzz updated")),
                macroKeys,
                () -> admin().withoutContract().get(macro).body(),
                true));
        targets.add(new Target(
                "/macros/update_many",
                "PUT",
                MACROS + "/update_many",
                () -> fields("macros", new ArrayList<>(List.of(fields("id", f.macro, "position", 1, "active", true)))),
                List.of("macro_ids", "title", "actions"),
                everyMacro,
                true));
        String ticket = "/api/v2/tickets/" + f.ticket;
        targets.add(new Target(
                "/tickets/{ticket_id} with macro_id",
                "PUT",
                ticket,
                () -> body("ticket", fields("macro_id", f.macro, "priority", "low")),
                List.of("macro_ids", "comment", "tags", "status"),
                () -> admin().get(ticket).body() + count(ticket + "/audits"),
                true));
        return targets;
    }

    /** A macro that changes only the fuzzer's own tag, with these members. */
    private Map<String, Object> macroFields(Object... more) {
        Map<String, Object> macro = fields(
                "title",
                "Fuzz macro " + triggerTag,
                "actions",
                new ArrayList<>(List.of(
                        fields("field", "current_tags", "value", triggerTag + "macro"),
                        fields("field", "comment_value", "value", "Fuzz {{ticket.id}}"),
                        fields("field", "comment_mode_is_public", "value", "false"))));
        for (int i = 0; i < more.length; i += 2) {
            macro.put((String) more[i], more[i + 1]);
        }
        return macro;
    }

    /** Whether a body sent to update_many names a macro that was there before the fuzzer: such a try is not sent. */
    private boolean namesAMacro(Target target, String body) {
        return target.path().equals(MACROS + "/update_many")
                && bodyNames(body, json -> json.path("macros").findValues("id"), fixture.macrosBefore.keySet());
    }

    /** The fuzzer's own macro as it was made, and no other macro of its. */
    private void resetMacros() {
        deleteAllBut(admin().withoutContract(), MACROS, "macros", fixture.macro, fixture.macrosBefore.keySet());
        Map<String, Object> original = macroFields("description", "", "active", true);
        original.put("restriction", null);
        ok(admin().withoutContract().put(MACROS + "/" + fixture.macro, body("macro", original)), 200);
    }

    /** The macros that were there before the fuzzer, as they are now, by id. */
    private Map<Long, JsonNode> macrosBefore() {
        Map<Long, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode macro : ApiAssertions.all(admin().withoutContract(), MACROS, "macros")) {
            long id = macro.get("id").asLong();
            if (fixture == null || fixture.macrosBefore.containsKey(id)) {
                before.put(id, macro);
            }
        }
        return before;
    }

    private static final String VIEWS = "/api/v2/views";

    /**
     * The view write endpoints and the previews: the fuzzer's own view, and no other, is what they may change (a view
     * they create is deleted at once; a preview writes nothing).
     */
    private List<Target> viewWrites() {
        Fixture f = fixture;
        List<Target> targets = new ArrayList<>();
        String view = VIEWS + "/" + f.view;
        Supplier<Object> everyView = () -> admin().withoutContract().get(VIEWS).body();
        List<String> viewKeys = List.of(
                "position",
                "restriction",
                "id",
                "default",
                "url",
                "ids",
                "conditions",
                "any",
                "output",
                "columns",
                "sort_by",
                "sort_order",
                "group_by",
                "group_order");
        targets.add(new Target(
                "/views",
                "POST",
                VIEWS,
                () -> body("view", viewFields("description", "Fuzz", "position", 1)),
                viewKeys,
                () -> count(VIEWS),
                true));
        targets.add(new Target(
                "/views/{view_id}",
                "PUT",
                view,
                () -> body("view", viewFields("description", "Fuzz updated")),
                viewKeys,
                () -> admin().withoutContract().get(view).body(),
                true));
        targets.add(new Target(
                "/views/update_many",
                "PUT",
                VIEWS + "/update_many",
                () -> fields("views", new ArrayList<>(List.of(fields("id", f.view, "position", 1, "active", true)))),
                List.of("view_ids", "title", "all"),
                everyView,
                true));
        targets.add(new Target(
                "/views/preview",
                "POST",
                VIEWS + "/preview",
                () -> body("view", viewFields()),
                viewKeys,
                everyView,
                true));
        targets.add(new Target(
                "/views/preview/count",
                "POST",
                VIEWS + "/preview/count",
                () -> body("view", viewFields()),
                viewKeys,
                everyView,
                true));
        return targets;
    }

    /** A view of the fuzzer's own tag (no ticket carries it), with these members. */
    private Map<String, Object> viewFields(Object... more) {
        Map<String, Object> view = fields(
                "title",
                "Fuzz view " + triggerTag,
                "all",
                new ArrayList<>(List.of(fields("field", "current_tags", "operator", "includes", "value", triggerTag))),
                "any",
                new ArrayList<>(List.of(fields("field", "status", "operator", "less_than", "value", "solved"))),
                "output",
                fields("columns", new ArrayList<>(List.of("subject", "status")), "sort_by", "created_at"));
        for (int i = 0; i < more.length; i += 2) {
            view.put((String) more[i], more[i + 1]);
        }
        return view;
    }

    /** Whether a body sent to update_many names a view that was there before the fuzzer: such a try is not sent. */
    private boolean namesAView(Target target, String body) {
        return target.path().equals(VIEWS + "/update_many")
                && bodyNames(body, json -> json.path("views").findValues("id"), fixture.viewsBefore.keySet());
    }

    /** The fuzzer's own view as it was made, and no other view of its. */
    private void resetViews() {
        deleteAllBut(admin().withoutContract(), VIEWS, "views", fixture.view, fixture.viewsBefore.keySet());
        Map<String, Object> original = viewFields("description", "", "active", true);
        original.put("restriction", null);
        ok(admin().withoutContract().put(VIEWS + "/" + fixture.view, body("view", original)), 200);
    }

    /**
     * The views that were there before the fuzzer, as they are now, by id, without their positions (which stay 1..n
     * as the fuzzer's own view moves) and update times.
     */
    private Map<Long, JsonNode> viewsBefore() {
        Map<Long, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode view : ApiAssertions.all(admin().withoutContract(), VIEWS, "views")) {
            long id = view.get("id").asLong();
            if (fixture == null || fixture.viewsBefore.containsKey(id)) {
                tools.jackson.databind.node.ObjectNode kept = (tools.jackson.databind.node.ObjectNode) view.deepCopy();
                kept.remove("position");
                kept.remove("updated_at");
                before.put(id, kept);
            }
        }
        return before;
    }

    private static final String STATUSES = "/api/v2/agent_availabilities/agent_statuses";
    private static final String AVAILABILITIES = "/api/v2/agent_availabilities";
    private static final String RULES = "/api/v2/capacity/rules";
    private static final String QUEUES = "/api/v2/queues";

    /**
     * The routing write endpoints (docs/routing-contract.md): the routing settings, the fuzzer's own status, agent's
     * status, capacity rule and queue, and the queues' order; a record they create is deleted at once, and whatever a
     * valid body changed is put back ({@link #resetRouting}). Agents try them too: they are refused (but for their own
     * status), and a refusal writes nothing.
     */
    private List<Target> routingWrites() {
        Fixture f = fixture;
        String ownStatus = STATUSES + "/" + f.status;
        Supplier<Object> statuses = () -> admin().get(STATUSES).body();
        Supplier<Object> rules = () -> admin().get(RULES).body();
        Supplier<Object> queues = () -> admin().get(QUEUES).body();
        Supplier<Object> agentStatus =
                () -> admin().get(AVAILABILITIES + "/" + f.agent.id()).body();
        List<String> statusKeys = List.of("id", "type", "attributes", "channels", "email", "voice", "default");
        List<String> agentKeys = List.of("agent_id", "agent_status", "reason", "name", "data");
        List<String> ruleKeys = List.of("id", "default", "agent_ids", "capacities", "url", "email", "voice");
        List<String> queueKeys = List.of(
                "id", "order", "priority", "definition", "primary_groups", "secondary_groups", "all", "any", "url");
        return List.of(
                new Target(
                        "/account/settings routing",
                        "PUT",
                        SETTINGS,
                        () -> body("settings", fields("routing", routingFields())),
                        List.of("side_conversations", "routing", "enabled", "routing_tag"),
                        () -> admin().get(SETTINGS).body(),
                        false),
                new Target(
                        "/agent_availabilities/agent_statuses",
                        "POST",
                        STATUSES,
                        () -> body("agent_status", statusFields("name", unique("Fuzz status"))),
                        statusKeys,
                        statuses,
                        true),
                new Target(
                        "/agent_availabilities/agent_statuses/{agent_status_id}",
                        "PUT",
                        ownStatus,
                        () -> body("agent_status", statusFields()),
                        statusKeys,
                        statuses,
                        true),
                new Target(
                        "/agent_availabilities/agent_statuses/agents/{agent_id}",
                        "PUT",
                        STATUSES + "/agents/" + f.agent.id(),
                        () -> fields("id", 3),
                        agentKeys,
                        agentStatus,
                        true),
                new Target(
                        "/agent_availabilities/agent_statuses/agents/me",
                        "PUT",
                        STATUSES + "/agents/me",
                        () -> fields("id", 4),
                        agentKeys,
                        () -> agentStatus.get()
                                + admin().get(AVAILABILITIES + "/" + f.adminId).body(),
                        true),
                new Target(
                        "/capacity/rules",
                        "POST",
                        RULES,
                        () -> body("capacity_rule", ruleFieldsOf(f, "name", unique("Fuzz rule"))),
                        ruleKeys,
                        rules,
                        true),
                new Target(
                        "/capacity/rules/{capacity_rule_id}",
                        "PUT",
                        RULES + "/" + f.rule,
                        () -> {
                            Map<String, Object> rule = ruleFieldsOf(f);
                            rule.remove("name");
                            return body("capacity_rule", rule);
                        },
                        ruleKeys,
                        rules,
                        true),
                new Target("/queues", "POST", QUEUES, () -> body("queue", queueFields()), queueKeys, queues, true),
                new Target(
                        "/queues/{queue_id}",
                        "PUT",
                        QUEUES + "/" + f.queue,
                        () -> body("queue", queueFields("name", "Fuzz queue updated")),
                        queueKeys,
                        queues,
                        true),
                new Target(
                        "/queues/order",
                        "PATCH",
                        QUEUES + "/order",
                        () -> fields("queue_ids", new ArrayList<>(f.queueOrder)),
                        List.of("queues", "ids", "order"),
                        queues,
                        true));
    }

    private static final String CHILD_TICKETS = "/child_tickets";

    /** The fuzzer's own parent and child for bulk updates (made once, on first use): never named by another target. */
    private long[] rollUpFamily;

    /**
     * A bulk update of children (docs/rollup-contract.md §7) on the fuzzer's own parent, naming its one child: a
     * priority, tags and an internal note, never a status (a closed child would refuse every later try alike). Agents
     * try it too.
     */
    private List<Target> rollUpWrites() {
        if (rollUpFamily == null) {
            long parent = ticket(Map.of(
                    "subject", "Fuzz roll-up parent", "group_id", fixture.group, "requester_id", fixture.endUser.id()));
            long child = childOf(startedToGroup(admin(), parent, fixture.group, "Fuzz roll-up child", "Fuzz"));
            rollUpFamily = new long[] {parent, child};
        }
        long parent = rollUpFamily[0];
        long child = rollUpFamily[1];
        Supplier<Object> witness = () -> jobIds() + " "
                + admin().withoutContract().get("/api/v2/tickets/" + child).body() + " "
                + count("/api/v2/tickets/" + child + "/audits");
        return List.of(new Target(
                "/tickets/{ticket_id}/child_tickets",
                "PUT",
                "/api/v2/tickets/" + parent + CHILD_TICKETS,
                () -> fields(
                        "ticket",
                        fields(
                                "priority",
                                "high",
                                "additional_tags",
                                new ArrayList<>(List.of("fuzz")),
                                "comment",
                                fields("body", "Fuzz bulk", "public", false)),
                        "ids",
                        new ArrayList<>(List.of(child))),
                List.of(
                        "ids",
                        "type",
                        "tags",
                        "remove_tags",
                        "custom_fields",
                        "safe_update",
                        "updated_stamp",
                        "group_id",
                        "assignee_id",
                        "public",
                        "body",
                        "html_body"),
                witness,
                true));
    }

    /** The ids of the newest jobs, as the admin (who sees every job) lists them. */
    private List<String> jobIds() {
        Api.Response response = admin().withoutContract().get("/api/v2/job_statuses");
        List<String> ids = new ArrayList<>();
        if (response.status() == 200) {
            response.json()
                    .path("job_statuses")
                    .forEach(job -> ids.add(job.path("id").asString("")));
        } else {
            ids.add("job_statuses answered " + response.status());
        }
        return ids;
    }

    /** Waits for the job a bulk update queued to finish (a bound on a hang, not a measure of speed). */
    private static void awaitTheJob(Api caller, Reply reply) {
        String id = reply.isJson() ? reply.json().at("/job_status/id").asString("") : "";
        if (id.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (true) {
            Api.Response status = caller.withoutContract().get("/api/v2/job_statuses/" + id);
            String state = status.json().at("/job_status/status").asString("");
            if (state.equals("completed") || state.equals("failed")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited two minutes for job " + id + ": " + status);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for job " + id, e);
            }
        }
    }

    private static final String WEBHOOKS = "/api/v2/webhooks";

    /** A webhook endpoint on a port nothing listens on (it was free a moment ago): a request to it is refused at once. */
    private static final String WEBHOOK_SINK = "http://127.0.0.1:" + closedPort() + "/fuzz";

    private static int closedPort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The webhook lists' query parameters (docs/webhooks-contract.md), paging among them. */
    private static final String JOB_STATUSES = "/api/v2/job_statuses";

    private static final List<String> JOB_STATUS_PARAMETERS =
            List.of("page", "per_page", "page[size]", "page[after]", "page[before]", "ids");

    private static final List<String> WEBHOOK_PARAMETERS = List.of(
            "page",
            "per_page",
            "page[size]",
            "page[after]",
            "page[before]",
            "filter[name_contains]",
            "filter[status]",
            "filter[from_ts]",
            "filter[to_ts]");

    /**
     * The webhook write endpoints (docs/webhooks-contract.md): create, the fuzzer's own webhook replaced and patched,
     * and the test request; a webhook created is deleted at once and the fuzzer's own put back
     * ({@link #resetWebhooks}). Agents try them too: they are refused, and a refusal writes nothing.
     */
    private List<Target> webhookWrites() {
        Fixture f = fixture;
        String own = WEBHOOKS + "/" + f.webhook;
        Supplier<Object> every = () ->
                admin().withoutContract().get(WEBHOOKS + "?page[size]=100").body();
        Supplier<Object> ownWebhook = () -> admin().withoutContract().get(own).body();
        List<String> keys = List.of(
                "id",
                "status",
                "endpoint",
                "http_method",
                "request_format",
                "subscriptions",
                "authentication",
                "custom_headers",
                "type",
                "data",
                "token",
                "add_position",
                "circuit_breaker",
                "payload",
                "headers");
        return List.of(
                new Target(
                        "/webhooks",
                        "POST",
                        WEBHOOKS,
                        () -> body("webhook", webhookFieldsOf("name", unique("Fuzz webhook"))),
                        keys,
                        every,
                        true),
                new Target(
                        "/webhooks/{webhook_id}",
                        "PUT",
                        own,
                        () -> body("webhook", webhookFieldsOf()),
                        keys,
                        ownWebhook,
                        true),
                new Target(
                        "/webhooks/{webhook_id} patch",
                        "PATCH",
                        own,
                        () -> body(
                                "webhook",
                                fields("description", "Fuzz patched", "custom_headers", fields("X-Fuzz", "2"))),
                        keys,
                        ownWebhook,
                        true),
                new Target(
                        "/webhooks/test",
                        "POST",
                        WEBHOOKS + "/test",
                        () -> fields(
                                "webhook",
                                fields(
                                        "endpoint",
                                        WEBHOOK_SINK,
                                        "http_method",
                                        "POST",
                                        "request_format",
                                        "json",
                                        "custom_headers",
                                        fields("X-Fuzz", "1")),
                                "request",
                                fields(
                                        "payload",
                                        "{\"fuzz\": true}",
                                        "headers",
                                        new ArrayList<>(List.of(fields("key", "X-Fuzz", "value", "1"))))),
                        keys,
                        every,
                        true));
    }

    /**
     * The fuzzer's webhook, with these members: inactive, for conditional ticket events only (no trigger names it), at
     * a port nothing listens on, so that nothing it is sent reaches anyone or waits.
     */
    private Map<String, Object> webhookFieldsOf(Object... more) {
        Map<String, Object> webhook = fields(
                "name",
                "Fuzz webhook " + triggerTag,
                "description",
                "Fuzz",
                "status",
                "inactive",
                "endpoint",
                WEBHOOK_SINK,
                "http_method",
                "POST",
                "request_format",
                "json",
                "subscriptions",
                new ArrayList<>(List.of("conditional_ticket_events")),
                "authentication",
                fields("type", "bearer_token", "data", fields("token", "fuzz-token"), "add_position", "header"),
                "custom_headers",
                fields("X-Fuzz", "1"));
        webhook.putAll(fields(more));
        return webhook;
    }

    /** Every webhook the fuzzer made deleted, but its own, which is put back as it was made. */
    private void resetWebhooks() {
        for (JsonNode webhook : ApiAssertions.all(admin().withoutContract(), WEBHOOKS, "webhooks")) {
            String id = webhook.get("id").asString();
            if (!id.equals(fixture.webhook) && !fixture.webhooksBefore.containsKey(id)) {
                assertThat(admin().withoutContract().delete(WEBHOOKS + "/" + id).status())
                        .isEqualTo(204);
            }
        }
        Api.Response restored =
                admin().withoutContract().put(WEBHOOKS + "/" + fixture.webhook, body("webhook", webhookFieldsOf()));
        assertThat(restored.status()).as(restored.toString()).isEqualTo(204);
    }

    /** The webhooks that were there before the fuzzer, as they are now, by id. */
    private Map<String, JsonNode> webhooksBefore() {
        Map<String, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode webhook : ApiAssertions.all(admin().withoutContract(), WEBHOOKS, "webhooks")) {
            String id = webhook.get("id").asString();
            if (fixture == null || fixture.webhooksBefore.containsKey(id)) {
                before.put(id, webhook);
            }
        }
        return before;
    }

    /** Whether the target is a routing write (or a settings write, which may reach the routing section). */
    private static boolean routing(Target target) {
        String path = target.path();
        return path.startsWith(AVAILABILITIES)
                || path.startsWith(RULES)
                || path.startsWith(QUEUES)
                || path.equals(SETTINGS);
    }

    /** Routing settings the fuzzer starts from: off, with its own tag as the routing tag. */
    private Map<String, Object> routingFields() {
        return fields(
                "enabled",
                false,
                "assignment_method",
                "round_robin",
                "routing_tag",
                triggerTag,
                "count_pending_and_on_hold",
                false,
                "reassign_when_offline",
                false,
                "reassign_when_away",
                false,
                "reassign_delay_seconds",
                60,
                "reassign_reopened",
                false,
                "secondary_group_wait_seconds",
                0);
    }

    /** A custom status (without its name unless given), with these members. */
    private static Map<String, Object> statusFields(Object... more) {
        Map<String, Object> status = fields(
                "description",
                "Fuzz",
                "channels",
                fields("email", "online", "messaging", "away", "voice", "transfers_only"));
        status.putAll(fields(more));
        return status;
    }

    /** The fuzzer's capacity rule: its own name and agent, not the default, with these members. */
    private Map<String, Object> ruleFieldsOf(Fixture f, Object... more) {
        Map<String, Object> rule = fields(
                "name",
                "Fuzz rule " + triggerTag,
                "description",
                "Fuzz",
                "default",
                false,
                "capacities",
                fields("email", 3, "messaging", 1, "voice", 0),
                "agent_ids",
                new ArrayList<>(List.of(f.agent.id())));
        rule.putAll(fields(more));
        return rule;
    }

    private Map<String, Object> queueFields(Object... more) {
        return queueFieldsOf(fixture, more);
    }

    /** A queue of the fuzzer's groups that only tickets of its own tag (none) meet, with these members. */
    private Map<String, Object> queueFieldsOf(Fixture f, Object... more) {
        Map<String, Object> queue = fields(
                "name",
                "Fuzz queue " + triggerTag,
                "description",
                "Fuzz",
                "priority",
                2,
                "definition",
                fields(
                        "all",
                        new ArrayList<>(
                                List.of(fields("field", "current_tags", "operator", "includes", "value", triggerTag))),
                        "any",
                        new ArrayList<>(
                                List.of(fields("field", "status", "operator", "less_than", "value", "solved")))),
                "primary_groups",
                new ArrayList<>(List.of(f.group)),
                "secondary_groups",
                new ArrayList<>(List.of(f.otherGroup)));
        queue.putAll(fields(more));
        return queue;
    }

    /**
     * Whether a body sent to a capacity rule names an agent of a rule that was there before the fuzzer (in
     * {@code agent_ids}): such a try is not sent, since a valid one would take the agent out of that rule.
     */
    private boolean namesARuledAgent(Target target, String body) {
        return target.path().startsWith(RULES)
                && bodyNames(body, json -> json.path("capacity_rule").findValues("agent_ids"), fixture.ruledAgents);
    }

    /**
     * Routing as the fuzzer found it: settings at their defaults, the default rule the default, the fuzzer's own
     * status, rule and queue as made and no other of its, the queues in their order; with {@code agents}, its agent and
     * the admin offline.
     */
    private void resetRouting(boolean agents) {
        Fixture f = fixture;
        ok(admin().put(SETTINGS, body("settings", fields("routing", ROUTING_DEFAULTS))), 200);
        boolean stillDefault = ok(admin().get(RULES), 200)
                .get("capacity_rules")
                .valueStream()
                .anyMatch(rule -> rule.get("id").asString().equals(f.defaultRule)
                        && rule.get("default").asBoolean());
        if (!stillDefault) {
            ok(admin().put(RULES + "/" + f.defaultRule, body("capacity_rule", fields("default", true))), 200);
        }
        deleteAllButIds(RULES, "capacity_rules", f.rule, f.rulesBefore.keySet());
        ok(admin().put(RULES + "/" + f.rule, body("capacity_rule", ruleFieldsOf(f))), 200);
        deleteAllButIds(QUEUES, "queues", f.queue, f.queuesBefore.keySet());
        ok(admin().put(QUEUES + "/" + f.queue, body("queue", queueFieldsOf(f))), 200);
        ok(admin().send("PATCH", QUEUES + "/order", fields("queue_ids", new ArrayList<>(f.queueOrder))), 200);
        for (JsonNode status : ok(admin().get(STATUSES), 200).get("custom")) {
            long id = status.get("id").asLong();
            if (id != f.status && !f.statusesBefore.containsKey(id)) {
                assertThat(admin().delete(STATUSES + "/" + id).status()).isEqualTo(204);
            }
        }
        ok(
                admin().put(
                                STATUSES + "/" + f.status,
                                body("agent_status", statusFields("name", "Fuzz status " + triggerTag))),
                200);
        if (agents) {
            ok(admin().put(STATUSES + "/agents/" + f.agent.id(), fields("id", 2)), 200);
            ok(admin().put(STATUSES + "/agents/me", fields("id", 2)), 200);
        }
    }

    /** Deletes every record of a list whose ids are strings but the fuzzer's own and those there before it. */
    private void deleteAllButIds(String list, String key, String own, Set<String> before) {
        for (JsonNode record : ok(admin().get(list), 200).get(key)) {
            String id = record.get("id").asString();
            if (!id.equals(own) && !before.contains(id)) {
                assertThat(admin().delete(list + "/" + id).status()).isEqualTo(204);
            }
        }
    }

    /** The custom statuses that were there before the fuzzer, as they are now, by id. */
    private Map<Long, JsonNode> statusesBefore() {
        Map<Long, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode status : ok(admin().get(STATUSES), 200).get("custom")) {
            long id = status.get("id").asLong();
            if (fixture == null || fixture.statusesBefore.containsKey(id)) {
                before.put(id, status);
            }
        }
        return before;
    }

    /**
     * The capacity rules that were there before the fuzzer, as they are now, by id, without their update times, and
     * the default one without its agents (however the default rule lists them, new agents may be among them).
     */
    private Map<String, JsonNode> rulesBefore() {
        Map<String, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode rule : ok(admin().get(RULES), 200).get("capacity_rules")) {
            String id = rule.get("id").asString();
            if (fixture == null || fixture.rulesBefore.containsKey(id)) {
                tools.jackson.databind.node.ObjectNode kept = (tools.jackson.databind.node.ObjectNode) rule.deepCopy();
                kept.remove("last_updated_at");
                if (rule.get("default").asBoolean()) {
                    kept.remove("agent_ids");
                }
                before.put(id, kept);
            }
        }
        return before;
    }

    /** The queues that were there before the fuzzer, as they are now, by id, without their positions and times. */
    private Map<String, JsonNode> queuesBefore() {
        Map<String, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode queue : ok(admin().get(QUEUES), 200).get("queues")) {
            String id = queue.get("id").asString();
            if (fixture == null || fixture.queuesBefore.containsKey(id)) {
                tools.jackson.databind.node.ObjectNode kept = (tools.jackson.databind.node.ObjectNode) queue.deepCopy();
                kept.remove("order");
                kept.remove("updated_at");
                before.put(id, kept);
            }
        }
        return before;
    }

    private static final String SCHEDULES = "/api/v2/business_hours/schedules";

    /** A tag no ticket carries, which the fuzzer's triggers name. */
    private final String triggerTag = unique("fuzztrigger").replace("-", "");

    /**
     * A trigger that cannot touch a ticket of the JVM's: inactive, and naming only the fuzzer's own tag (a valid
     * mutation of it that turns it active or broadens it is undone at once, {@link #resetTriggers}).
     */
    private Map<String, Object> triggerFields(Object... more) {
        Map<String, Object> trigger = fields(
                "title",
                "Fuzz trigger " + triggerTag,
                "active",
                false,
                "conditions",
                fields(
                        "all",
                        new ArrayList<>(
                                List.of(fields("field", "current_tags", "operator", "includes", "value", triggerTag))),
                        "any",
                        new ArrayList<>(List.of(fields(
                                "field", "comment_includes_word", "operator", "includes", "value", triggerTag)))),
                "actions",
                new ArrayList<>(List.of(
                        fields("field", "current_tags", "value", triggerTag + "seen"),
                        fields(
                                "field",
                                "notification_user",
                                "value",
                                new ArrayList<>(List.of("requester_id", "Fuzz {{ticket.title}}", "Fuzz"))))));
        for (int i = 0; i < more.length; i += 2) {
            trigger.put((String) more[i], more[i + 1]);
        }
        return trigger;
    }

    /**
     * Whether a body sent to reorder or update_many would name a trigger that was there before the fuzzer (a standard
     * one) where it names triggers: such a try is not sent, since a valid one would move or change it.
     * Conservatively, any number or text there that reads as such an id (ids may be written as digits, "1").
     */
    private boolean namesATrigger(Target target, String body) {
        if (!target.path().equals(TRIGGERS + "/reorder") && !target.path().equals(TRIGGERS + "/update_many")) {
            return false;
        }
        return bodyNames(
                body,
                json -> target.path().endsWith("/reorder")
                        ? List.of(json.path("trigger_ids"))
                        : json.path("triggers").findValues("id"),
                fixture.triggersBefore.keySet());
    }

    /** Whether a body, read as JSON, names one of the ids {@code before} where {@code named} looks. */
    private static boolean bodyNames(
            String body, java.util.function.Function<JsonNode, List<JsonNode>> named, Set<Long> before) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            return false;
        }
        return json != null && named.apply(json).stream().anyMatch(ids -> names(ids, before));
    }

    /** Deletes every rule of a list but the fuzzer's own and those that were there before it. */
    private static void deleteAllBut(Api caller, String list, String key, long own, Set<Long> before) {
        for (JsonNode rule : ApiAssertions.all(caller, list, key)) {
            long id = rule.get("id").asLong();
            if (id != own && !before.contains(id)) {
                assertThat(caller.delete(list + "/" + id).status()).isEqualTo(204);
            }
        }
    }

    private static boolean names(JsonNode node, Set<Long> ids) {
        if (node.isContainer()) {
            return node.valueStream().anyMatch(child -> names(child, ids))
                    || (node.isObject() && node.propertyNames().stream().anyMatch(name -> readsAs(name, ids)));
        }
        return readsAs(node.asString(""), ids);
    }

    private static boolean readsAs(String text, Set<Long> ids) {
        try {
            return ids.contains((long) Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The fuzzer's own trigger as it was made, and no other trigger of its. */
    private void resetTriggers() {
        deleteAllBut(admin(), TRIGGERS, "triggers", fixture.trigger, fixture.triggersBefore.keySet());
        ok(
                admin().put(
                                TRIGGERS + "/" + fixture.trigger,
                                body("trigger", triggerFields("description", "", "category_id", "", "position", 500))),
                200);
    }

    /** The triggers that were there before the fuzzer, as they are now, by id. */
    private Map<Long, JsonNode> triggersBefore() {
        Map<Long, JsonNode> before = new java.util.TreeMap<>();
        for (JsonNode trigger : ApiAssertions.all(admin(), TRIGGERS, "triggers")) {
            long id = trigger.get("id").asLong();
            if (fixture == null || fixture.triggersBefore.containsKey(id)) {
                before.put(id, trigger);
            }
        }
        return before;
    }

    /** Custom field values of the fixture's text, integer, decimal and date fields, as a body holds them. */
    private static List<Object> numericAndDateValues(Fixture f, Map<String, Object> text) {
        return new ArrayList<>(List.of(
                text,
                fields("id", f.integerField, "value", 42),
                fields("id", f.decimalField, "value", new java.math.BigDecimal("2.50")),
                fields("id", f.dateField, "value", "2026-02-28")));
    }

    private static final List<String> PARAMETERS = List.of(
            "page",
            "per_page",
            "page[size]",
            "page[after]",
            "page[before]",
            "external_id",
            "ids",
            "query",
            "role",
            "include",
            "start_time",
            "cursor",
            "sort_by",
            "sort_order",
            "ticket_id",
            "state",
            "active",
            "category_id",
            "category",
            "group_id",
            "access",
            "filter[type]",
            "filter[agent_id]",
            "filter[channel_status]",
            "filter[remaining_capacity]",
            "filter[group_id]");

    /** Search (docs/search-contract.md): its query is read by the service, so hostile text there is the point. */
    private static final List<String> SEARCH_ENDPOINTS =
            List.of("/api/v2/search", "/api/v2/search/count", "/api/v2/search/export");

    /** The lists, every offset-paged one (derived from the OpenAPI description) among them. */
    private List<String> listEndpoints() {
        Set<String> lists = new LinkedHashSet<>(namedListEndpoints());
        lists.addAll(SEARCH_ENDPOINTS);
        offsetPagedLists(fixture.resources()).values().forEach(path -> lists.add(path.replaceFirst("\\?.*", "")));
        return List.copyOf(lists);
    }

    private List<String> namedListEndpoints() {
        Fixture f = fixture;
        String ticket = "/api/v2/tickets/" + f.ticket;
        return List.of(
                "/api/v2/tickets",
                "/api/v2/tickets/show_many",
                ticket + "/comments",
                ticket + "/audits",
                ticket + "/child_tickets",
                ticket + "/side_conversations",
                ticket + "/side_conversations/" + f.sideConversation,
                ticket + "/side_conversations/" + f.sideConversation + "/events",
                "/api/v2/tickets/side_conversations/events",
                "/api/v2/users",
                "/api/v2/users/search",
                "/api/v2/users/" + f.agent.id() + "/group_memberships",
                "/api/v2/users/" + f.agent.id() + "/tickets/requested",
                "/api/v2/users/" + f.agent.id() + "/tickets/assigned",
                "/api/v2/users/" + f.agent.id() + "/tickets/ccd",
                "/api/v2/groups",
                "/api/v2/groups/assignable",
                "/api/v2/groups/" + f.group + "/memberships",
                "/api/v2/group_memberships",
                "/api/v2/custom_roles",
                "/api/v2/ticket_fields",
                "/api/v2/ticket_forms",
                "/api/v2/api_tokens",
                "/api/v2/notifications",
                TRIGGERS,
                TRIGGERS + "/active",
                TRIGGERS + "/search",
                TRIGGERS + "/definitions",
                TRIGGERS + "/" + f.trigger + "/revisions",
                "/api/v2/slas/policies",
                "/api/v2/slas/policies/definitions",
                MACROS,
                MACROS + "/active",
                MACROS + "/search",
                MACROS + "/actions",
                MACROS + "/categories",
                MACROS + "/" + f.macro + "/apply",
                ticket + "/macros/" + f.macro + "/apply",
                VIEWS,
                VIEWS + "/active",
                VIEWS + "/compact",
                VIEWS + "/search",
                VIEWS + "/definitions",
                VIEWS + "/count_many",
                VIEWS + "/" + f.view + "/tickets",
                VIEWS + "/" + f.view + "/count",
                VIEWS + "/" + f.view + "/export",
                STATUSES,
                AVAILABILITIES,
                AVAILABILITIES + "/" + f.agent.id(),
                RULES,
                RULES + "/" + f.rule,
                QUEUES,
                QUEUES + "/definitions",
                QUEUES + "/" + f.queue,
                "/api/v2/routing/queue");
    }

    private static String parameterValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 ->
                pick(
                        random,
                        List.of(
                                "-1",
                                "0",
                                "1",
                                "100",
                                "101",
                                "2147483648",
                                "99999999999999999999",
                                "1e3",
                                "1.5",
                                " 2 ",
                                "",
                                "abc",
                                "MTAw",
                                "LTE",
                                "AAAA",
                                "!!!",
                                "events",
                                "agent",
                                "end-user",
                                "ADMIN",
                                "1,2,3",
                                ",,,",
                                "1," + "9".repeat(30),
                                String.join(",", java.util.Collections.nCopies(150, "1"))));
            default -> Hostile.text(random);
        };
    }

    /** Query strings a client library would never produce. */
    private static String rawQuery(Random random) {
        return pick(
                random,
                List.of(
                        "page=%",
                        "page=%zz",
                        "external_id=%c0%ae",
                        "external_id=a%00b",
                        "query=%",
                        "query=a%00",
                        "page[size]=%ff",
                        "ids=1%2C%zz",
                        "external_id=\u00e9",
                        "status=open%00",
                        "status=,,",
                        "group_id=-1",
                        "assignee_id=1e99",
                        "sort_order=%zz",
                        "query=<script>",
                        "page={}",
                        "per_page=|",
                        "include=\"events\"",
                        "start_time=%2B1",
                        "%=%",
                        "&&&=&",
                        "a=" + "b".repeat(10_000),
                        "cursor=%0d%0a",
                        // search's query language: an unclosed quote, a key with no value, tsquery's operators, SQL
                        "query=%22unclosed",
                        "query=status%3C",
                        "query=a%3A*%20%26%20!b%20%3C-%3E%20(c%7Cd)",
                        "query=%27%3B%20DROP%20TABLE%20tickets%3B%20--",
                        "query=tags%3A%00",
                        "query=%5C%5C%22",
                        "query=type%3Auser%20%25",
                        "query=created%3E99999999years",
                        "query=group_id%3A99999999999999999999",
                        "filter[type]=%00"));
    }

    /**
     * A filter is applied literally, never as a pattern or SQL: each ticket listed by external_id has exactly
     * that external_id, each user found by search has a name or email starting with the query, show_many
     * answers only tickets it was asked for, each notification listed by ticket_id or state has that one.
     */
    private static List<String> filteredLiterally(String path, String query, Reply reply) {
        List<String> violations = new ArrayList<>();
        Map<String, String> parameters = decode(query);
        JsonNode json = reply.json();
        if (path.startsWith("/api/v2/search") && json.has("results")) {
            json.get("results").forEach(result -> {
                if (!Set.of("ticket", "user")
                        .contains(result.path("result_type").asString(""))) {
                    violations.add("search answered a result that is neither a ticket nor a user: " + result);
                }
            });
        }
        if (path.equals("/api/v2/tickets") && parameters.containsKey("external_id") && !query.contains("page%5B")) {
            String wanted = parameters.get("external_id");
            json.get("tickets").forEach(ticket -> {
                if (!wanted.equals(ticket.path("external_id").asString(null))) {
                    violations.add("external_id=" + wanted + " listed ticket " + ticket.get("id") + " with "
                            + ticket.get("external_id"));
                }
            });
        }
        if (path.equals(WEBHOOKS) && json.has("webhooks")) {
            String wanted = parameters.get("filter[name_contains]");
            String status = parameters.get("filter[status]");
            json.get("webhooks").forEach(webhook -> {
                String name = webhook.path("name").asString("");
                // Compared as ASCII only: case-insensitivity beyond it is the database's to define.
                if (wanted != null
                        && wanted.chars().allMatch(c -> c < 128)
                        && !name.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT))) {
                    violations.add("filter[name_contains]=" + wanted + " listed webhook " + webhook.get("id") + " ("
                            + name + ")");
                }
                if (status != null && !status.equals(webhook.path("status").asString(""))) {
                    violations.add("filter[status]=" + status + " listed a webhook that is "
                            + webhook.path("status").asString(""));
                }
            });
        }
        if (path.startsWith(WEBHOOKS + "/") && path.endsWith("/invocations") && json.has("invocations")) {
            String status = parameters.get("filter[status]");
            json.get("invocations").forEach(invocation -> {
                if (status != null && !status.equals(invocation.path("status").asString(""))) {
                    violations.add("filter[status]=" + status + " listed an invocation that is "
                            + invocation.path("status").asString(""));
                }
            });
        }
        if (path.equals("/api/v2/users/search") && parameters.containsKey("query")) {
            String wanted = parameters.get("query").trim().toLowerCase(Locale.ROOT);
            json.get("users").forEach(user -> {
                String name = user.path("name").asString("").toLowerCase(Locale.ROOT);
                String email = user.path("email").asString("").toLowerCase(Locale.ROOT);
                if (!name.startsWith(wanted) && !email.startsWith(wanted)) {
                    violations.add(
                            "query=" + wanted + " found user " + user.get("id") + " (" + name + ", " + email + ")");
                }
            });
        }
        if (path.equals("/api/v2/tickets/show_many") && parameters.containsKey("ids")) {
            List<String> asked = List.of(parameters.get("ids").split(",")).stream()
                    .map(String::strip)
                    .toList();
            json.get("tickets").forEach(ticket -> {
                if (!asked.contains(ticket.get("id").asString())) {
                    violations.add("ids=" + parameters.get("ids") + " answered ticket " + ticket.get("id"));
                }
            });
        }
        if (path.startsWith(TRIGGERS) && json.has("triggers")) {
            violations.addAll(triggersFilteredLiterally(path, parameters, json.get("triggers")));
        }
        if (path.startsWith(MACROS) && json.has("macros")) {
            violations.addAll(macrosFilteredLiterally(path, parameters, json.get("macros")));
        }
        if (path.equals(AVAILABILITIES) && json.path("data").isArray()) {
            violations.addAll(availabilitiesFilteredLiterally(parameters, json));
        }
        if (path.startsWith(VIEWS) && json.has("views")) {
            violations.addAll(viewsFilteredLiterally(path, parameters, json.get("views")));
        }
        if (path.equals(VIEWS + "/count_many") && json.has("view_counts") && parameters.containsKey("ids")) {
            List<String> asked = List.of(parameters.get("ids").split(",")).stream()
                    .map(String::strip)
                    .toList();
            json.get("view_counts").forEach(count -> {
                if (!asked.contains(count.get("view_id").asString())) {
                    violations.add("ids=" + parameters.get("ids") + " counted view " + count.get("view_id"));
                }
            });
        }
        if (path.equals("/api/v2/notifications")) {
            for (String filter : List.of("ticket_id", "state")) {
                String wanted = parameters.getOrDefault(filter, "").strip();
                if (wanted.isEmpty()) {
                    continue;
                }
                String expected = filter.equals("ticket_id") ? String.valueOf(Long.parseLong(wanted)) : wanted;
                json.get("notifications").forEach(notification -> {
                    String value = notification.get(filter).asString();
                    if (!value.equals(expected)) {
                        violations.add(filter + "=" + wanted + " listed notification " + notification.get("id")
                                + " with " + value);
                    }
                });
            }
        }
        return violations;
    }

    /**
     * Each trigger searched for holds the query (stripped, any case) in its title or description; each listed by
     * {@code active} or {@code category_id} has that one (Spring reads true, on, yes and 1 as true).
     */
    private static List<String> triggersFilteredLiterally(
            String path, Map<String, String> parameters, JsonNode triggers) {
        List<String> violations = new ArrayList<>();
        String query = parameters.getOrDefault("query", "").strip().toLowerCase(Locale.ROOT);
        String active = parameters.getOrDefault("active", "").strip().toLowerCase(Locale.ROOT);
        Boolean wanted = Set.of("true", "on", "yes", "1").contains(active)
                ? Boolean.TRUE
                : Set.of("false", "off", "no", "0").contains(active) ? Boolean.FALSE : null;
        String category = parameters.get("category_id");
        triggers.forEach(trigger -> {
            String text = (trigger.path("title").asString("") + "\n"
                            + trigger.path("description").asString(""))
                    .toLowerCase(Locale.ROOT);
            if (path.endsWith("/search") && !query.isEmpty() && !text.contains(query)) {
                violations.add("query=" + query + " found trigger " + trigger.get("id"));
            }
            if ((path.endsWith("/active") && !trigger.get("active").asBoolean())
                    || (!path.endsWith("/active")
                            && wanted != null
                            && trigger.get("active").asBoolean() != wanted)) {
                violations.add("active=" + active + " listed trigger " + trigger.get("id"));
            }
            if (path.equals(TRIGGERS)
                    && category != null
                    && !category.isEmpty()
                    && !category.equals(trigger.path("category_id").asString(null))) {
                violations.add("category_id=" + category + " listed trigger " + trigger.get("id"));
            }
        });
        return violations;
    }

    /**
     * Each macro searched for holds the query (stripped, any case) in its title; each listed by {@code active} or
     * {@code category} has that one (the title's first {@code ::} segment).
     */
    private static List<String> macrosFilteredLiterally(String path, Map<String, String> parameters, JsonNode macros) {
        List<String> violations = new ArrayList<>();
        String query = parameters.getOrDefault("query", "").strip().toLowerCase(Locale.ROOT);
        String active = parameters.getOrDefault("active", "").strip().toLowerCase(Locale.ROOT);
        Boolean wanted = Set.of("true", "on", "yes", "1").contains(active)
                ? Boolean.TRUE
                : Set.of("false", "off", "no", "0").contains(active) ? Boolean.FALSE : null;
        String category = parameters.get("category");
        macros.forEach(macro -> {
            String title = macro.path("title").asString("");
            if (path.endsWith("/search")
                    && !query.isEmpty()
                    && !title.toLowerCase(Locale.ROOT).contains(query)) {
                violations.add("query=" + query + " found macro " + macro.get("id"));
            }
            if ((path.endsWith("/active") && !macro.get("active").asBoolean())
                    || (!path.endsWith("/active")
                            && wanted != null
                            && macro.get("active").asBoolean() != wanted)) {
                violations.add("active=" + active + " listed macro " + macro.get("id"));
            }
            if (path.equals(MACROS) && category != null && !category.strip().isEmpty() && !title.contains("::")) {
                violations.add("category=" + category + " listed macro " + macro.get("id") + " of no category");
            }
        });
        return violations;
    }

    /**
     * Each view searched for holds the query (stripped, any case) in its title; each listed as active, by
     * {@code /active} or {@code /compact} or {@code active}, is active (compact lists at most 32); each listed by
     * {@code access} or {@code group_id} has that restriction.
     */
    private static List<String> viewsFilteredLiterally(String path, Map<String, String> parameters, JsonNode views) {
        List<String> violations = new ArrayList<>();
        String query = parameters.getOrDefault("query", "").strip().toLowerCase(Locale.ROOT);
        String active = parameters.getOrDefault("active", "").strip().toLowerCase(Locale.ROOT);
        Boolean wanted = Set.of("true", "on", "yes", "1").contains(active)
                ? Boolean.TRUE
                : Set.of("false", "off", "no", "0").contains(active) ? Boolean.FALSE : null;
        String access = parameters.getOrDefault("access", "");
        String group = parameters.getOrDefault("group_id", "").strip();
        if (path.endsWith("/compact") && views.size() > 32) {
            violations.add("compact listed " + views.size() + " views");
        }
        views.forEach(view -> {
            String title = view.path("title").asString("");
            JsonNode restriction = view.path("restriction");
            if (path.endsWith("/search")
                    && !query.isEmpty()
                    && !title.toLowerCase(Locale.ROOT).contains(query)) {
                violations.add("query=" + query + " found view " + view.get("id"));
            }
            boolean onlyActive = path.endsWith("/active") || path.endsWith("/compact");
            if ((onlyActive && !view.get("active").asBoolean())
                    || (!onlyActive && wanted != null && view.get("active").asBoolean() != wanted)) {
                violations.add("active=" + active + " listed view " + view.get("id"));
            }
            if (path.equals(VIEWS)) {
                boolean everyones = restriction.isNull() || restriction.isMissingNode();
                String type = everyones ? "" : restriction.path("type").asString("");
                if ((access.equals("account") && !everyones)
                        || (access.equals("personal") && !type.equals("User"))
                        || (access.equals("shared") && type.equals("User"))) {
                    violations.add("access=" + access + " listed view " + view.get("id") + " of " + restriction);
                }
                if (group.matches("\\d{1,18}")
                        && (!type.equals("Group")
                                || restriction.path("ids").valueStream().noneMatch(id -> id.asString()
                                        .equals(String.valueOf(Long.parseLong(group)))))) {
                    violations.add("group_id=" + group + " listed view " + view.get("id") + " of " + restriction);
                }
            }
        });
        return violations;
    }

    /**
     * Each availability listed by {@code filter[agent_id]} is one of those ids; by {@code filter[group_id]} holds that
     * group among its {@code group_ids}; by {@code filter[channel_status]} has that channel in that status; by
     * {@code filter[remaining_capacity]} has at least that much of that channel spare.
     */
    private static List<String> availabilitiesFilteredLiterally(Map<String, String> parameters, JsonNode json) {
        List<String> violations = new ArrayList<>();
        String agents = parameters.getOrDefault("filter[agent_id]", "").strip();
        String group = parameters.getOrDefault("filter[group_id]", "").strip();
        String channelStatus =
                parameters.getOrDefault("filter[channel_status]", "").strip();
        String remaining =
                parameters.getOrDefault("filter[remaining_capacity]", "").strip();
        Map<String, JsonNode> channels = new LinkedHashMap<>();
        json.path("included").forEach(c -> channels.put(c.path("id").asString(""), c.path("attributes")));
        json.get("data").forEach(availability -> {
            String agent = availability.at("/attributes/agent_id").asString("");
            if (agents.matches("\\d{1,18}(,\\d{1,18})*")
                    && List.of(agents.split(",")).stream()
                            .map(id -> String.valueOf(Long.parseLong(id)))
                            .noneMatch(agent::equals)) {
                violations.add("filter[agent_id]=" + agents + " listed agent " + agent);
            }
            if (group.matches("\\d{1,18}")
                    && availability.at("/attributes/group_ids").valueStream().noneMatch(id -> id.asString("")
                            .equals(String.valueOf(Long.parseLong(group))))) {
                violations.add("filter[group_id]=" + group + " listed agent " + agent + " not in it");
            }
            if (channelStatus.matches("[a-z]+:[a-z_]+")) {
                String[] wanted = channelStatus.split(":");
                JsonNode channel = channels.get(agent + "|" + wanted[0]);
                if (channel != null && !channel.path("status").asString("").equals(wanted[1])) {
                    violations.add(
                            "filter[channel_status]=" + channelStatus + " listed agent " + agent + " " + channel);
                }
            }
            if (remaining.matches("[a-z]+:\\d{1,9}")) {
                String[] wanted = remaining.split(":");
                JsonNode channel = channels.get(agent + "|" + wanted[0]);
                if (channel != null
                        && channel.path("max_capacity").asLong(0)
                                        - channel.path("work_item_count").asLong(0)
                                < Long.parseLong(wanted[1])) {
                    violations.add(
                            "filter[remaining_capacity]=" + remaining + " listed agent " + agent + " " + channel);
                }
            }
        });
        return violations;
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                try {
                    parameters.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a raw query with a bad escape: nothing to compare
                }
            }
        }
        return parameters;
    }

    /** A text member written and read back: where it goes, and where the answer and the stored record show it. */
    private record RoundTrip(
            String method, String path, String template, String pointer, String readBackPointer, String readBackPath) {

        String body(String rawText) {
            return template.replace("@TEXT@", rawText);
        }

        String readBack(JsonNode answer) {
            return readBackPath.replace("{id}", answer.at(readBackPointer).asString());
        }
    }

    private List<RoundTrip> roundTrips() {
        Fixture f = fixture;
        String conversation = "/api/v2/tickets/" + f.ticket + "/side_conversations/" + f.sideConversation;
        return List.of(
                new RoundTrip(
                        "POST",
                        "/api/v2/tickets",
                        "{\"ticket\": {\"subject\": @TEXT@, \"comment\": {\"body\": \"u\"}}}",
                        "/ticket/subject",
                        "/ticket/id",
                        "/api/v2/tickets/{id}"),
                new RoundTrip(
                        "POST",
                        "/api/v2/users",
                        "{\"user\": {\"name\": @TEXT@, \"email\": \"" + unique("u") + "@example.com\"}}",
                        "/user/name",
                        "/user/id",
                        "/api/v2/users/{id}"),
                new RoundTrip(
                        "POST",
                        "/api/v2/groups",
                        "{\"group\": {\"name\": @TEXT@}}",
                        "/group/name",
                        "/group/id",
                        "/api/v2/groups/{id}"),
                new RoundTrip(
                        "POST",
                        "/api/v2/custom_roles",
                        "{\"custom_role\": {\"name\": @TEXT@}}",
                        "/custom_role/name",
                        "/custom_role/id",
                        "/api/v2/custom_roles/{id}"),
                new RoundTrip(
                        "POST",
                        "/api/v2/ticket_forms",
                        "{\"ticket_form\": {\"name\": @TEXT@}}",
                        "/ticket_form/name",
                        "/ticket_form/id",
                        "/api/v2/ticket_forms/{id}"),
                new RoundTrip(
                        "PUT",
                        conversation,
                        "{\"side_conversation\": {\"subject\": @TEXT@}}",
                        "/side_conversation/subject",
                        "/side_conversation/id",
                        conversation),
                new RoundTrip(
                        "POST",
                        TRIGGERS,
                        Hostile.json(body("trigger", triggerFields("title", "@TEXT@")))
                                .replace("\"@TEXT@\"", "@TEXT@"),
                        "/trigger/title",
                        "/trigger/id",
                        TRIGGERS + "/{id}"),
                new RoundTrip(
                        "PUT",
                        TRIGGERS + "/" + f.trigger,
                        "{\"trigger\": {\"title\": @TEXT@, \"description\": @TEXT@}}",
                        "/trigger/description",
                        "/trigger/id",
                        TRIGGERS + "/{id}"),
                new RoundTrip(
                        "POST",
                        MACROS,
                        Hostile.json(body("macro", macroFields("title", "@TEXT@")))
                                .replace("\"@TEXT@\"", "@TEXT@"),
                        "/macro/title",
                        "/macro/id",
                        MACROS + "/{id}"),
                new RoundTrip(
                        "PUT",
                        MACROS + "/" + f.macro,
                        "{\"macro\": {\"description\": @TEXT@}}",
                        "/macro/description",
                        "/macro/id",
                        MACROS + "/{id}"),
                new RoundTrip(
                        "POST",
                        VIEWS,
                        Hostile.json(body("view", viewFields("title", "@TEXT@")))
                                .replace("\"@TEXT@\"", "@TEXT@"),
                        "/view/title",
                        "/view/id",
                        VIEWS + "/{id}"),
                new RoundTrip(
                        "PUT",
                        VIEWS + "/" + f.view,
                        "{\"view\": {\"description\": @TEXT@}}",
                        "/view/description",
                        "/view/id",
                        VIEWS + "/{id}"),
                new RoundTrip(
                        "POST",
                        RULES,
                        "{\"capacity_rule\": {\"name\": @TEXT@, \"capacities\": {\"email\": 1}}}",
                        "/capacity_rule/name",
                        "/capacity_rule/id",
                        RULES + "/{id}"),
                new RoundTrip(
                        "POST",
                        QUEUES,
                        Hostile.json(body("queue", queueFields("name", "@TEXT@")))
                                .replace("\"@TEXT@\"", "@TEXT@"),
                        "/queue/name",
                        "/queue/id",
                        QUEUES + "/{id}"),
                new RoundTrip(
                        "PUT",
                        QUEUES + "/" + f.queue,
                        "{\"queue\": {\"description\": @TEXT@}}",
                        "/queue/description",
                        "/queue/id",
                        QUEUES + "/{id}"));
    }

    // ---- sending and checking ---------------------------------------------------------------------------------

    /** A response from either client: status, content type and body. */
    record Reply(int status, String contentType, String body) {

        static Reply of(Api.Response response) {
            return new Reply(response.status(), response.contentType(), response.body());
        }

        static Reply of(RawResponse response) {
            return new Reply(response.status(), response.contentType(), response.body());
        }

        List<String> shapeViolations() {
            List<String> violations = new ArrayList<>(errorShapeViolations(status, contentType, body));
            if (status == 409
                    && isJson()
                    && "Conflict".equals(json().path("error").asString(""))) {
                violations.add("bad input blamed on a concurrent change (409 Conflict)");
            }
            // The database's own refusal of a value: a check of the service is missing, which named no field.
            if (status == 400
                    && isJson()
                    && "InvalidValue".equals(json().path("error").asString(""))) {
                violations.add("a value no check caught reached the database (400 InvalidValue)");
            }
            return violations;
        }

        boolean isJson() {
            try {
                JSON.readTree(body);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** Sends bytes as they are (over a raw socket when they are not valid UTF-8, which no client library sends). */
    private Reply send(Who caller, String method, String path, byte[] body, String contentType) {
        return send(caller, method, path, body, contentType, Map.of());
    }

    private Reply send(
            Who caller, String method, String path, byte[] body, String contentType, Map<String, String> headers) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
            Api api = caller.api();
            for (Map.Entry<String, String> header : headers.entrySet()) {
                api = api.withHeader(header.getKey(), header.getValue());
            }
            return Reply.of(api.send(method, path, text, contentType));
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", caller.authorization());
        all.put("Content-Type", contentType);
        return Reply.of(raw(method, path, all, body));
    }

    /** A caller, and the Authorization header it sends (for requests written on a raw socket). */
    record Who(Api api, String authorization) {}

    private Who adminWho() {
        return new Who(admin(), Api.basicHeaderFor(ADMIN_EMAIL + "/token:" + ADMIN_TOKEN));
    }

    private Who who(TestUser user) {
        return new Who(as(user), Api.basicHeaderFor(user.email() + "/token:" + ADMIN_TOKEN));
    }

    private static byte[] withInvalidUtf8(String valid, byte[] invalid) {
        int at = valid.indexOf(":\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = valid.substring(0, at + 2).getBytes(StandardCharsets.UTF_8);
        byte[] tail = valid.substring(at + 2).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(invalid);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    /** Violations of one property, reported together with the try and seed that found each kind. */
    private static final class Findings {

        private final String property;
        private final Map<String, String> firstOfKind = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        Findings(String property) {
            this.property = property;
        }

        void add(int attempt, long seed, String target, String sent, Reply reply, List<String> violations) {
            for (String violation : violations) {
                String kind = target.replaceAll("/\\d+", "/{n}") + ": " + violation.replaceAll("\\d{3,}", "#");
                counts.merge(kind, 1, Integer::sum);
                firstOfKind.putIfAbsent(
                        kind,
                        "try " + attempt + " (seed " + seed + "): " + target + " with "
                                + abbreviate(sent, 300) + "\n      → " + reply.status() + " " + reply.contentType()
                                + " "
                                + abbreviate(reply.body(), 300) + "\n      " + violation);
            }
        }

        void assertNone() {
            StringBuilder report = new StringBuilder();
            firstOfKind.forEach((kind, first) -> report.append("\n  ")
                    .append(counts.get(kind))
                    .append(" × ")
                    .append(kind)
                    .append("\n    first: ")
                    .append(first));
            assertThat(firstOfKind)
                    .as("%s broke a property (base seed %d):%s", property, SEED, report)
                    .isEmpty();
        }
    }

    /** Reads bodies keeping decimals as written (2.50 is not 2.5), to judge them against the documented ranges. */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** The value of a custom field on a ticket, or null when it has none. */
    private static JsonNode valueOf(JsonNode ticket, long field) {
        for (JsonNode entry : ticket.path("custom_fields")) {
            if (entry.get("id").asLong() == field) {
                return entry.get("value").isNull() ? null : entry.get("value");
            }
        }
        return null;
    }

    /**
     * The README's ranges: an integer fits 64 bits (18 digits as text), a decimal has 18 digits before the point and
     * 10 after it, a date is YYYY-MM-DD.
     */
    private static boolean withinDocumentedRange(String type, JsonNode value) {
        return switch (type) {
            case "integer" ->
                value.isIntegralNumber()
                        ? value.canConvertToLong()
                        : value.isString() && value.asString().matches("-?\\d{1,18}");
            case "decimal" ->
                value.isNumber()
                        ? value.decimalValue().precision()
                                                - value.decimalValue().scale()
                                        <= 18
                                && value.decimalValue().scale() <= 10
                        : value.isString() && value.asString().matches("-?\\d{1,18}(\\.\\d{1,10})?");
            case "date" -> value.isString() && value.asString().matches("\\d{4}-\\d{2}-\\d{2}");
            default -> true;
        };
    }

    /** A paging parameter as the service reads it (trimmed, decimal), or null when it is no int. */
    private static Integer number(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String abbreviate(String text, int max) {
        if (text == null) {
            return "null";
        }
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…(" + oneLine.length() + " chars)";
    }

    private static Map<String, Object> body(String wrapper, Map<String, Object> fields) {
        return fields(wrapper, fields);
    }

    // ---- the fixture ------------------------------------------------------------------------------------------

    /** What the fuzzer writes to: its own groups, people, roles, fields, form, ticket and side conversation. */
    private final class Fixture {

        final long group = group(true);
        final long otherGroup = group(true);
        final long editableGroup = group(true);
        final TestUser agent = agent();
        final TestUser endUser = endUser();
        final TestUser editable = agent();
        final TestUser joiner = agent();
        final long role = customRole(Map.of("ticket_access", "all"));
        final long editableRole = customRole(Map.of("ticket_access", "all"));
        final long textField;
        final long taggerField;
        final long integerField = field("integer");
        final long decimalField = field("decimal");
        final long dateField = field("date");
        final long form;
        final long ticket;
        final String sideConversation;
        final long child;
        /** A field of every type, on a form and a ticket of their own that no other target changes. */
        final Map<String, Long> valueFields = new LinkedHashMap<>();

        final long valuesForm;
        final long valuesTicket;
        /** The triggers there before the fuzzer (the standard ones among them), as they were: never touched. */
        final Map<Long, JsonNode> triggersBefore;

        final long trigger;

        /** The macros there before the fuzzer, as they were: never touched. */
        final Map<Long, JsonNode> macrosBefore;

        final long macro;

        /** The views there before the fuzzer (the standard ones among them), as they were: never touched. */
        final Map<Long, JsonNode> viewsBefore;

        final long view;

        /** The custom statuses, capacity rules and queues there before the fuzzer, as they were: never touched. */
        final Map<Long, JsonNode> statusesBefore;

        final Map<String, JsonNode> rulesBefore;
        final Map<String, JsonNode> queuesBefore;

        /** The default capacity rule, and the agents of the other rules there before the fuzzer. */
        final String defaultRule;

        final Set<Long> ruledAgents = new java.util.TreeSet<>();

        /** The fuzzer's own custom status, capacity rule (naming its agent) and queue (of its groups). */
        final long status;

        final String rule;
        final String queue;

        /** Every queue's id in order, the fuzzer's own last. */
        final List<String> queueOrder = new ArrayList<>();

        /** The webhooks there before the fuzzer, as they were: never touched. */
        final Map<String, JsonNode> webhooksBefore;

        /** The fuzzer's own webhook. */
        final String webhook;

        /** The fuzzer's own job status: queued by its agent, of a kind no instance runs (so it stays queued). */
        final String jobStatus = transactions
                .execute(status -> jobs.enqueue(
                        actors.activeByIds(List.of(agent.id())).get(agent.id()), "hostile_probe", "{}", List.of(1L)))
                .id();

        final long adminId;

        /** A schedule with a holiday, deleted after the class: the oldest schedule is the account's default. */
        final long schedule = ok(
                        admin().post(
                                        SCHEDULES,
                                        Map.of(
                                                "schedule",
                                                Map.of("name", unique("Fuzz schedule"), "time_zone", "UTC"))),
                        201)
                .at("/schedule/id")
                .asLong();

        final long holiday = ok(
                        admin().post(
                                        SCHEDULES + "/" + schedule + "/holidays",
                                        Map.of(
                                                "holiday",
                                                Map.of(
                                                        "name",
                                                        "Fuzz",
                                                        "start_date",
                                                        "2026-05-01",
                                                        "end_date",
                                                        "2026-05-01"))),
                        201)
                .at("/holiday/id")
                .asLong();

        Fixture() {
            membership(agent, group);
            membership(editable, group);
            textField = field("text");
            taggerField = tagger();
            form = ok(
                            admin().post(
                                            "/api/v2/ticket_forms",
                                            Map.of(
                                                    "ticket_form",
                                                    Map.of(
                                                            "name",
                                                            unique("Fuzz form"),
                                                            "ticket_field_ids",
                                                            List.of(
                                                                    textField,
                                                                    integerField,
                                                                    decimalField,
                                                                    dateField)))),
                            201)
                    .at("/ticket_form/id")
                    .asLong();
            ticket = ticket(Map.of(
                    "subject", "Fuzz target", "group_id", group, "requester_id", endUser.id(), "ticket_form_id", form));
            JsonNode started = startedToGroup(admin(), ticket, group, "Fuzz side conversation", "Fuzz");
            sideConversation = started.get("id").asString();
            child = childOf(started);
            for (FieldType type : FieldType.values()) {
                valueFields.put(type.value(), type == FieldType.TAGGER ? tagger() : field(type.value()));
            }
            valuesForm = ok(
                            admin().post(
                                            "/api/v2/ticket_forms",
                                            Map.of(
                                                    "ticket_form",
                                                    Map.of(
                                                            "name",
                                                            unique("Fuzz values form"),
                                                            "ticket_field_ids",
                                                            List.copyOf(valueFields.values())))),
                            201)
                    .at("/ticket_form/id")
                    .asLong();
            valuesTicket = ticket(Map.of("subject", "Fuzz values target", "ticket_form_id", valuesForm));
            triggersBefore = triggersBefore();
            trigger = ok(admin().post(TRIGGERS, body("trigger", triggerFields())), 201)
                    .at("/trigger/id")
                    .asLong();
            macrosBefore = macrosBefore();
            macro = ok(admin().post(MACROS, body("macro", macroFields())), 201)
                    .at("/macro/id")
                    .asLong();
            viewsBefore = viewsBefore();
            view = ok(admin().post(VIEWS, body("view", viewFields())), 201)
                    .at("/view/id")
                    .asLong();
            adminId = ok(admin().get("/api/v2/users/me"), 200).at("/user/id").asLong();
            statusesBefore = statusesBefore();
            status = ok(admin().post(STATUSES, body("agent_status", statusFields("name", unique("Fuzz status")))), 201)
                    .at("/agent_status/id")
                    .asLong();
            rulesBefore = rulesBefore();
            String theDefault = null;
            for (JsonNode before : ok(admin().get(RULES), 200).get("capacity_rules")) {
                if (before.get("default").asBoolean()) {
                    theDefault = before.get("id").asString();
                } else {
                    before.get("agent_ids").forEach(id -> ruledAgents.add(id.asLong()));
                }
            }
            defaultRule = theDefault;
            rule = ok(admin().post(RULES, body("capacity_rule", ruleFieldsOf(this))), 201)
                    .at("/capacity_rule/id")
                    .asString();
            queuesBefore = queuesBefore();
            queue = ok(admin().post(QUEUES, body("queue", queueFieldsOf(this))), 201)
                    .at("/queue/id")
                    .asString();
            ok(admin().get(QUEUES), 200)
                    .get("queues")
                    .forEach(q -> queueOrder.add(q.get("id").asString()));
            webhooksBefore = webhooksBefore();
            webhook = ok(admin().post(WEBHOOKS, body("webhook", webhookFieldsOf())), 201)
                    .at("/webhook/id")
                    .asString();
            // Notifications about two tickets, so that their list's filters have something to filter.
            transactions.executeWithoutResult(status -> notifications.enqueue(
                    List.of(notification(ticket, agent), notification(ticket, endUser), notification(child, agent))));
        }

        private Notifications.Email notification(long about, TestUser to) {
            return new Notifications.Email(
                    java.util.UUID.randomUUID(),
                    about,
                    to.id(),
                    to.email(),
                    null,
                    "Fuzz notification",
                    "Fuzz",
                    null,
                    null,
                    null);
        }

        private long field(String type) {
            return ok(
                            admin().post(
                                            "/api/v2/ticket_fields",
                                            Map.of(
                                                    "ticket_field",
                                                    Map.of("type", type, "title", unique("Fuzz " + type)))),
                            201)
                    .at("/ticket_field/id")
                    .asLong();
        }

        private long tagger() {
            return ok(
                            admin().post(
                                            "/api/v2/ticket_fields",
                                            Map.of(
                                                    "ticket_field",
                                                    Map.of(
                                                            "type",
                                                            "tagger",
                                                            "title",
                                                            unique("Fuzz tagger"),
                                                            "custom_field_options",
                                                            List.of(Map.of("name", "A", "value", unique("fuzz")))))),
                            201)
                    .at("/ticket_field/id")
                    .asLong();
        }

        /** The offset-paged lists' path variables, by the segment before each. */
        Map<String, String> resources() {
            return Map.of(
                    "tickets",
                    String.valueOf(ticket),
                    "users",
                    String.valueOf(agent.id()),
                    "groups",
                    String.valueOf(group),
                    "side_conversations",
                    sideConversation,
                    "triggers",
                    String.valueOf(trigger),
                    "schedules",
                    String.valueOf(schedule),
                    "macros",
                    String.valueOf(macro),
                    "views",
                    String.valueOf(view));
        }
    }
}

package io.sidedesk.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration every write reads (account settings, triggers, SLA policies, webhooks) is kept at the version
 * PostgreSQL bumps with each change to it (issue 26): a write reads none of it while nothing changed, and a change is
 * in force at the next request, whether it came through this instance's API or any other way to the database (another
 * instance, a hand-written statement), as if nothing were kept.
 */
class ConfigVersionTests extends SideConversationTestSupport {

    @Autowired
    private ConfigVersion versions;

    @Autowired
    private JdbcTemplate jdbc;

    private Long trigger;

    @AfterEach
    void deleteTheTrigger() {
        if (trigger != null) {
            admin().delete("/api/v2/triggers/" + trigger);
        }
    }

    @Test
    void aKeptValueIsReadOncePerVersionAndAnewAfterAnyChangeToTheTables() {
        AtomicInteger reads = new AtomicInteger();
        ConfigVersion.Kept<Long> count = versions.keep(() -> {
            reads.incrementAndGet();
            return jdbc.queryForObject("select count(*) from triggers", Long.class);
        });

        long before = count.get();
        assertThat(count.get()).isEqualTo(before);
        assertThat(reads).as("read once while the version stands").hasValue(1);

        for (String change : List.of(
                "update account_settings set updated_at = updated_at",
                "update triggers set position = position where false",
                "delete from sla_policies where false",
                "update webhooks set status = status where false")) {
            jdbc.update(change);
            count.get();
            assertThat(reads).as("read anew after: %s", change).hasValue(2);
            reads.set(1);
        }
        jdbc.update("update webhooks set consecutive_failures = consecutive_failures where false");
        count.get();
        assertThat(reads)
                .as("a webhook's circuit breaker is no change the writes read")
                .hasValue(1);
    }

    @Test
    void aTriggerChangedInTheDatabaseByAnyoneIsInForceAtTheNextWrite() {
        String word = unique("kept").replace("-", "");
        Api.Response created = admin().post(
                        "/api/v2/triggers",
                        Map.of(
                                "trigger",
                                Map.of(
                                        "title",
                                        unique("Kept trigger"),
                                        "conditions",
                                        Map.of(
                                                "all",
                                                List.of(fields(
                                                        "field",
                                                        "current_tags",
                                                        "operator",
                                                        "includes",
                                                        "value",
                                                        word)),
                                                "any",
                                                List.of()),
                                        "actions",
                                        List.of(fields("field", "priority", "value", "high")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        trigger = created.json().at("/trigger/id").asLong();

        JsonNode fired = created(admin(), fields("subject", "Kept", "comment", body("Help"), "tags", List.of(word)));
        assertThat(fired.get("priority").asString())
                .as("the trigger as the API made it")
                .isEqualTo("high");

        // As another instance, or an operator's statement, would: not through this instance's API.
        jdbc.update("update triggers set active = false where id = ?", trigger);

        JsonNode after = created(admin(), fields("subject", "Kept", "comment", body("Help"), "tags", List.of(word)));
        assertThat(after.get("priority").isNull()
                        || !after.get("priority").asString().equals("high"))
                .as("the trigger deactivated in the database does not fire: %s", after)
                .isTrue();
    }

    @Test
    void settingsChangedInTheDatabaseAreInForceAtTheNextRequest() {
        Link link = link();
        try {
            jdbc.update("update account_settings set tickets_channel = false");
            Api.Response refused = as(link.parentAgent())
                    .post(
                            "/api/v2/tickets/" + link.parent() + "/side_conversations",
                            Map.of(
                                    "message",
                                    Map.of(
                                            "subject",
                                            "Kept",
                                            "body",
                                            "Hello",
                                            "to",
                                            List.of(Map.of(
                                                    "support_group_id",
                                                    link.childTeam().group())))));
            assertThat(refused.status())
                    .as("child tickets turned off in the database: %s", refused)
                    .isBetween(400, 499);
        } finally {
            jdbc.update("update account_settings set tickets_channel = true");
        }
    }

    @Test
    void aWriteReadsNoneOfTheConfigurationWhileItStands() {
        Link link = link();
        comment(as(link.childAgent()), link.child(), "warm", true);

        long first = counted(() -> comment(as(link.childAgent()), link.child(), "one", true))
                .statements();
        long second = counted(() -> comment(as(link.childAgent()), link.child(), "two", true))
                .statements();
        jdbc.update("update sla_policies set position = position where false");
        long afterAChange = counted(() -> comment(as(link.childAgent()), link.child(), "three", true))
                .statements();

        assertThat(second).isEqualTo(first);
        assertThat(afterAChange)
                .as("after a change: the settings, triggers, SLA policies and webhooks each read, with the version")
                .isEqualTo(first + 8);
    }
}

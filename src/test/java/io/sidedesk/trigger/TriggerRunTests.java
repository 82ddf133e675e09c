package io.sidedesk.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triggers at work (R15), read from the audits they leave: changes recorded with a {@code via} naming the trigger,
 * passes that start again after a change and stop, each trigger once per ticket and write, notifications only to
 * those who may see the ticket, and each recipient once per action across the two tickets of a side conversation.
 * Every trigger here matches only its own test's tickets (a unique word or tag), and is deleted afterwards.
 */
class TriggerRunTests extends SideConversationTestSupport {

    private final List<Long> triggers = new ArrayList<>();

    @AfterEach
    void deleteTriggers() {
        triggers.forEach(id -> admin().delete("/api/v2/triggers/" + id));
    }

    private Api.Response post(Map<String, Object> conditions, List<Map<String, Object>> actions) {
        return admin().post(
                        "/api/v2/triggers",
                        Map.of(
                                "trigger",
                                Map.of("title", unique("Trigger"), "conditions", conditions, "actions", actions)));
    }

    private long trigger(Map<String, Object> conditions, List<Map<String, Object>> actions) {
        Api.Response response = post(conditions, actions);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        long id = response.json().at("/trigger/id").asLong();
        triggers.add(id);
        return id;
    }

    private static Map<String, Object> condition(String field, String operator, Object value) {
        return fields("field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> all(Map<String, Object>... conditions) {
        return Map.of("all", List.of(conditions), "any", List.of());
    }

    private static Map<String, Object> action(String field, Object value) {
        return fields("field", field, "value", value);
    }

    private List<JsonNode> eventsOf(long ticket, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            for (JsonNode event : audit.get("events")) {
                if (event.get("type").asString().equals(type)) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    private List<Long> notified(long ticket, long triggerId) {
        List<Long> recipients = new ArrayList<>();
        for (JsonNode event : eventsOf(ticket, "Notification")) {
            if (event.at("/via/source/from/id").asLong() == triggerId) {
                event.get("recipients").forEach(id -> recipients.add(id.asLong()));
            }
        }
        return recipients;
    }

    @Test
    void zendesksStandardTriggersExistOnANewAccount() {
        List<JsonNode> all = io.sidedesk.ApiAssertions.all(admin(), "/api/v2/triggers", "triggers");
        List<String> defaults = all.stream()
                .filter(trigger -> trigger.get("default").asBoolean())
                .map(trigger -> trigger.get("title").asString() + ":"
                        + trigger.get("active").asBoolean())
                .toList();
        assertThat(defaults)
                .containsExactly(
                        "Notify requester and CCs of received request:true",
                        "Notify requester of new proactive ticket:true",
                        "Notify requester and CCs of comment update:true",
                        "Notify assignee of comment update:true",
                        "Notify assignee of assignment:true",
                        "Notify assignee of reopened ticket:true",
                        "Notify group of assignment:true",
                        "Notify all agents of received request:false",
                        "Set tickets with no priority to normal:false");
    }

    @Test
    void aTriggersChangesAreTheUpdatesOwnAuditWithAViaNamingIt() {
        String word = unique("word").replace("-", "");
        long id = trigger(
                all(condition("update_type", "is", "Create"), condition("subject_includes_word", "includes", word)),
                List.of(action("priority", "high"), action("current_tags", "flagged " + word)));

        JsonNode ticket = created(admin(), fields("subject", "About " + word, "comment", body("Help")));

        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        assertThat(ticket.get("tags")).extracting(JsonNode::asString).contains("flagged", word);
        List<JsonNode> audits = audits(ticket.get("id").asLong());
        assertThat(audits).hasSize(1);
        JsonNode priority = null;
        for (JsonNode event : audits.get(0).get("events")) {
            if (event.get("type").asString().equals("Change")
                    && event.get("field_name").asString().equals("priority")) {
                priority = event;
            }
        }
        assertThat(priority).as("the trigger's change, in the creation's audit").isNotNull();
        assertThat(priority.get("value").asString()).isEqualTo("high");
        assertThat(priority.at("/via/channel").asString()).isEqualTo("rule");
        assertThat(priority.at("/via/source/rel").asString()).isEqualTo("trigger");
        assertThat(priority.at("/via/source/from/id").asLong()).isEqualTo(id);
    }

    @Test
    void aPassStartsAgainAfterAChangeSoAnEarlierTriggerSeesIt() {
        String word = unique("word").replace("-", "");
        String first = "first" + word;
        String second = "second" + word;
        // The earlier trigger needs the tag the later one adds.
        trigger(all(condition("current_tags", "includes", first)), List.of(action("current_tags", second)));
        trigger(all(condition("subject_includes_word", "includes", word)), List.of(action("current_tags", first)));

        JsonNode ticket = created(admin(), fields("subject", word, "comment", body("Help")));

        assertThat(ticket.get("tags")).extracting(JsonNode::asString).contains(first, second);
    }

    @Test
    void triggersThatUndoEachOtherStopEachFiresOnce() {
        String word = unique("word").replace("-", "");
        String x = "x" + word;
        String y = "y" + word;
        trigger(
                all(condition("current_tags", "includes", x)),
                List.of(action("remove_tags", x), action("current_tags", y)));
        trigger(
                all(condition("current_tags", "includes", y)),
                List.of(action("remove_tags", y), action("current_tags", x)));

        JsonNode ticket = created(admin(), fields("subject", "loop", "comment", body("Help"), "tags", List.of(x)));

        // x → (first) y → (second) x; neither fires again.
        assertThat(ticket.get("tags"))
                .extracting(JsonNode::asString)
                .contains(x)
                .doesNotContain(y);
    }

    @Test
    void aNotificationIsRecordedOnTheAuditNamingWhoWasNotified() {
        String word = unique("word").replace("-", "");
        TestUser agent = agent();
        long id = trigger(
                all(condition("comment_includes_word", "includes", word)),
                List.of(action(
                        "notification_user",
                        List.of(agent.id(), "Ticket {{ticket.id}}", "{{ticket.latest_comment}}"))));

        long ticket = created(admin(), fields("subject", "s", "comment", body("Look: " + word)))
                .get("id")
                .asLong();

        assertThat(notified(ticket, id)).containsExactly(agent.id());
        JsonNode event = eventsOf(ticket, "Notification").stream()
                .filter(e -> e.at("/via/source/from/id").asLong() == id)
                .findFirst()
                .orElseThrow();
        assertThat(event.get("subject").asString()).isEqualTo("Ticket " + ticket);
        assertThat(event.get("body").asString()).isEqualTo("Look: " + word);
    }

    @Test
    void ticketDataIsNeverTemplateCode() {
        String word = unique("word").replace("-", "");
        TestUser agent = agent();
        long id = trigger(
                all(condition("comment_includes_word", "includes", word)),
                List.of(action(
                        "notification_user", List.of(agent.id(), "{{ticket.title}}", "{{ticket.latest_comment}}"))));

        String subject = "{{ticket.id}} {% if true %}yes{% endif %}";
        String comment = word + " {{current_user.email}} {% for i in (1..3) %}x{% endfor %}";
        long ticket = created(admin(), fields("subject", subject, "comment", body(comment)))
                .get("id")
                .asLong();

        JsonNode event = eventsOf(ticket, "Notification").stream()
                .filter(e -> e.at("/via/source/from/id").asLong() == id)
                .findFirst()
                .orElseThrow();
        assertThat(event.get("subject").asString()).isEqualTo(subject);
        assertThat(event.get("body").asString()).isEqualTo(comment);
    }

    @Test
    void whoMayNotSeeTheTicketIsNeverNotifiedOfIt() {
        String word = unique("word").replace("-", "");
        Team privateTeam = team(false);
        TestUser outsider = agent();
        long id = trigger(
                all(condition("comment_includes_word", "includes", word)),
                List.of(
                        action("notification_user", List.of(outsider.id(), "s", "b")),
                        action("notification_group", List.of("group_id", "s", "b"))));

        long ticket = created(
                        admin(), fields("subject", "private", "comment", body(word), "group_id", privateTeam.group()))
                .get("id")
                .asLong();

        // The member is notified once, by whichever trigger came first (here the standard "Notify group of
        // assignment"); the outsider never, though named by id.
        List<Long> all = new ArrayList<>();
        eventsOf(ticket, "Notification")
                .forEach(event -> event.get("recipients").forEach(r -> all.add(r.asLong())));
        assertThat(all).containsOnlyOnce(privateTeam.agent().id()).doesNotContain(outsider.id());
        assertThat(notified(ticket, id)).doesNotContain(outsider.id());
    }

    @Test
    void theUpdaterIsNotNotifiedOfTheirOwnUpdateUnlessNamedAsCurrentUser() {
        String word = unique("word").replace("-", "");
        Team team = team(true);
        long requesterAndCcs = trigger(
                all(condition("comment_includes_word", "includes", word)),
                List.of(action("notification_user", List.of("assignee_id", "s", "b"))));
        long currentUser = trigger(
                all(condition("comment_includes_word", "includes", word)),
                List.of(action("notification_user", List.of("current_user", "s", "b"))));

        long ticket = created(
                        as(team.agent()),
                        fields(
                                "subject",
                                "mine",
                                "comment",
                                body(word),
                                "group_id",
                                team.group(),
                                "assignee_id",
                                team.agent().id()))
                .get("id")
                .asLong();

        assertThat(notified(ticket, requesterAndCcs)).isEmpty();
        assertThat(notified(ticket, currentUser)).containsExactly(team.agent().id());
    }

    @Test
    void eachRecipientIsNotifiedOncePerActionAcrossTheParentAndItsChild() {
        Link link = link();
        String tag = unique("r15").replace("-", "");
        updated(admin(), link.parent(), fields("tags", List.of(tag)));
        updated(admin(), link.child(), fields("tags", List.of(tag)));
        TestUser watcher = link.childAgent();
        // The parent's trigger and the child's both address the child's agent when the side conversation is replied to.
        long onParent = trigger(
                all(condition("current_tags", "includes", tag), condition("side_conversation", "is", "replied")),
                List.of(action("notification_user", List.of(watcher.id(), "Parent", "b"))));
        long onChild = trigger(
                all(
                        condition("current_tags", "includes", tag),
                        condition("current_via_id", "is", 100),
                        condition("comment_is_public", "is", "not_relevant")),
                List.of(action("notification_user", List.of(watcher.id(), "Child", "b"))));

        Api.Response replied = reply(as(link.parentAgent()), link, "More details");
        assertThat(replied.status()).as(replied.toString()).isEqualTo(200);

        // Whichever trigger came first (the standard ones included) notified the watcher; nothing else did.
        String correlation = null;
        for (JsonNode audit : audits(link.parent())) {
            for (JsonNode event : audit.get("events")) {
                if (event.get("type").asString().equals("SideConversation")
                        && event.get("action").asString().equals("replied")) {
                    correlation = audit.get("correlation_id").asString();
                }
            }
        }
        assertThat(correlation).isNotNull();
        List<Long> recipients = new ArrayList<>();
        for (long ticket : List.of(link.parent(), link.child())) {
            for (JsonNode audit : audits(ticket)) {
                if (!audit.get("correlation_id").asString().equals(correlation)) {
                    continue;
                }
                for (JsonNode event : audit.get("events")) {
                    if (event.get("type").asString().equals("Notification")) {
                        event.get("recipients").forEach(r -> recipients.add(r.asLong()));
                    }
                }
            }
        }
        assertThat(recipients)
                .as("each recipient once for the action")
                .doesNotHaveDuplicates()
                .contains(watcher.id());
        long rows = 0;
        for (long ticket : List.of(link.parent(), link.child())) {
            Api.Response deliveries = admin().get("/api/v2/notifications?ticket_id=" + ticket);
            assertThat(deliveries.status()).as(deliveries.toString()).isEqualTo(200);
            for (JsonNode row : deliveries.json().get("notifications")) {
                if (row.get("recipient_id").asLong() == watcher.id()
                        && row.get("correlation_id").asString().equals(correlation)) {
                    rows++;
                }
            }
        }
        assertThat(rows).as("one email for the watcher").isEqualTo(1);
    }

    @Test
    void aClosedTicketTakesNoChangeFromATrigger() {
        Link link = link();
        String tag = unique("closed").replace("-", "");
        updated(admin(), link.parent(), fields("tags", List.of(tag), "status", "solved"));
        updated(admin(), link.parent(), fields("status", "closed"));
        long id = trigger(
                all(condition("current_tags", "includes", tag), condition("side_conversation", "is", "replied")),
                List.of(action("current_tags", "touched" + tag), action("status", "open")));

        commented(as(link.childAgent()), link.child(), "Answer for a closed parent", true);

        JsonNode parent = ticket(link.parent());
        assertThat(parent.get("status").asString()).isEqualTo("closed");
        assertThat(parent.get("tags")).extracting(JsonNode::asString).containsExactly(tag);
        assertThat(eventsOf(link.parent(), "Change"))
                .noneMatch(event -> event.at("/via/source/from/id").asLong() == id);
    }

    @Test
    void aTriggerChangesAParentThatOnlyRecordsActivity_andTheRulesAfterItReadTheChangedParent() {
        Link link = link();
        String tag = unique("parent").replace("-", "");
        updated(admin(), link.parent(), fields("tags", List.of(tag)));
        String etag = admin().get("/api/v2/tickets/" + link.parent()).header("ETag");
        // The first reads the parent as it was; the second only what the first changed (the tag it adds).
        long first = trigger(
                all(condition("current_tags", "includes", tag), condition("side_conversation", "is", "replied")),
                List.of(action("priority", "urgent"), action("current_tags", "seen" + tag)));
        long second = trigger(
                all(condition("current_tags", "includes", "seen" + tag), condition("priority", "is", "urgent")),
                List.of(action("current_tags", "second" + tag)));

        commented(as(link.childAgent()), link.child(), "An answer for the parent", true);

        JsonNode parent = ticket(link.parent());
        assertThat(parent.get("priority").asString()).isEqualTo("urgent");
        assertThat(parent.get("tags")).extracting(JsonNode::asString).contains(tag, "seen" + tag, "second" + tag);
        assertThat(admin().get("/api/v2/tickets/" + link.parent()).header("ETag"))
                .as("the parent's version moved")
                .isNotEqualTo(etag);
        assertThat(eventsOf(link.parent(), "Change"))
                .extracting(event -> event.at("/via/source/from/id").asLong())
                .contains(first, second);
    }

    private long ticketField(String type) {
        Api.Response response = admin().post(
                        "/api/v2/ticket_fields",
                        Map.of("ticket_field", Map.of("type", type, "title", unique("Trigger field"))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket_field/id").asLong();
    }

    @Test
    void customFieldsAreConditionsAndActions() {
        long segment = ticketField("text");
        long escalation = ticketField("text");
        Api.Response form = admin().post(
                        "/api/v2/ticket_forms",
                        Map.of(
                                "ticket_form",
                                Map.of(
                                        "name",
                                        unique("Trigger form"),
                                        "ticket_field_ids",
                                        List.of(segment, escalation))));
        assertThat(form.status()).as(form.toString()).isEqualTo(201);
        long formId = form.json().at("/ticket_form/id").asLong();
        String vip = unique("vip").replace("-", "");
        trigger(
                all(condition("custom_fields_" + segment, "value", vip)),
                List.of(action("priority", "urgent"), action("custom_fields_" + escalation, "escalated")));

        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                "segments",
                                "comment",
                                body("Hi"),
                                "ticket_form_id",
                                formId,
                                "custom_fields",
                                List.of(Map.of("id", segment, "value", "regular"))))
                .get("id")
                .asLong();
        assertThat(ticket(ticket).get("priority").isNull()).isTrue();

        JsonNode changed =
                updated(admin(), ticket, fields("custom_fields", List.of(Map.of("id", segment, "value", vip))));

        assertThat(changed.get("priority").asString()).isEqualTo("urgent");
        JsonNode values = changed.get("custom_fields");
        String escalated = null;
        for (JsonNode value : values) {
            if (value.get("id").asLong() == escalation) {
                escalated = value.get("value").asString();
            }
        }
        assertThat(escalated).isEqualTo("escalated");
    }

    @Test
    void aCustomFieldTheTriggerNamesMustExistAndTakeTheValue() {
        long number = ticketField("integer");
        Api.Response unknown =
                post(all(condition("custom_fields_999999999", "is", "x")), List.of(action("priority", "high")));
        io.sidedesk.ApiAssertions.assertInvalid(unknown, "conditions.all[0].field");

        Api.Response wrongValue =
                post(all(condition("update_type", "is", "Create")), List.of(action("custom_fields_" + number, "many")));
        io.sidedesk.ApiAssertions.assertInvalid(wrongValue, "actions[0].value");
    }

    @Test
    void notificationsGoOutOnTheTicketAsTheTriggersLeaveIt_soNeverToWhomALaterTriggerHidItFrom() {
        String word = unique("word").replace("-", "");
        Team open = team(true);
        Team legal = team(false);
        TestUser watcher = open.agent();
        long notify = trigger(
                all(condition("comment_includes_word", "includes", word)),
                List.of(action("notification_user", List.of("assignee_id", "s", "{{ticket.group.name}}"))));
        trigger(all(condition("comment_includes_word", "includes", word)), List.of(action("group_id", legal.group())));
        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                "moved",
                                "comment",
                                body("start"),
                                "group_id",
                                open.group(),
                                "assignee_id",
                                watcher.id()))
                .get("id")
                .asLong();

        commented(admin(), ticket, "Legal must see this: " + word, true);

        JsonNode after = ticket(ticket);
        assertThat(after.get("group_id").asLong()).isEqualTo(legal.group());
        assertThat(after.get("assignee_id").isNull()).isTrue();
        assertThat(notified(ticket, notify)).isEmpty();
    }

    @Test
    void templatesKeepNoVariablesOfTheirOwn() {
        for (String template :
                List.of("{% assign s = 'x' %}{{ s }}", "{% capture s %}x{% endcapture %}", "{% include 'a' %}")) {
            Api.Response refused = post(
                    all(condition("update_type", "is", "Create")),
                    List.of(action("notification_user", List.of("requester_id", "s", template))));
            io.sidedesk.ApiAssertions.assertInvalid(refused, "actions[0].value");
        }
    }

    @Test
    void aTriggersTagsFollowTheTicketsTagRules_aChangeBeyondThemIsNotMade() {
        String word = unique("word").replace("-", "");
        long id = trigger(
                all(condition("comment_includes_word", "includes", word)), List.of(action("current_tags", "one-more")));
        List<String> full = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            full.add("t" + i);
        }

        JsonNode ticket = created(admin(), fields("subject", "full", "comment", body(word), "tags", full));

        assertThat(ticket.get("tags"))
                .hasSize(100)
                .extracting(JsonNode::asString)
                .doesNotContain("one-more");
        assertThat(eventsOf(ticket.get("id").asLong(), "Change"))
                .noneMatch(event -> event.at("/via/source/from/id").asLong() == id);
    }
}

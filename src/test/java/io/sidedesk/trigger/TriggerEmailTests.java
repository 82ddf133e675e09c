package io.sidedesk.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.MailTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triggers' notifications as people receive them, over real SMTP (GreenMail): Zendesk's standard triggers, each at
 * work; an end-user's email never carries an internal note; and one email per person for an action on a child
 * ticket's side conversation, however many triggers of the parent and the child address them (R15).
 */
class TriggerEmailTests extends MailTestSupport {

    private final List<Long> triggers = new ArrayList<>();

    @AfterEach
    void deleteTriggersAndSettings() {
        triggers.forEach(id -> admin().delete("/api/v2/triggers/" + id));
        restoreDefaultSettings();
    }

    /** The emails to this address whose subject holds the text, once every notification of the ticket was sent. */
    private List<MimeMessage> mailsTo(TestUser user, long ticket, String subjectHolds) {
        await("the ticket's notifications sent", () -> {
            for (JsonNode row : admin().get("/api/v2/notifications?ticket_id=" + ticket)
                    .json()
                    .get("notifications")) {
                if (row.get("state").asString().equals("pending")) {
                    return false;
                }
            }
            return true;
        });
        return received(message ->
                addressedTo(message, user.email()) && subject(message).contains(subjectHolds));
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] to = message.getAllRecipients();
            if (to == null) {
                return false;
            }
            for (Address address : to) {
                if (((InternetAddress) address).getAddress().equalsIgnoreCase(email)) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain text part. */
    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof MimeMultipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    if (parts.getBodyPart(i).isMimeType("text/plain")) {
                        return parts.getBodyPart(i).getContent().toString();
                    }
                }
            }
            return content.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(MimeMessage message) {
        try {
            MimeMultipart parts = (MimeMultipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/html")) {
                    return parts.getBodyPart(i).getContent().toString();
                }
            }
            return "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEndUsersNewRequestIsAcknowledgedToThemAndTheirCcs() {
        TestUser customer = endUser();
        String title = unique("Printer");

        long ticket = created(as(customer), fields("subject", title, "comment", body("It jams")))
                .get("id")
                .asLong();

        List<MimeMessage> mails = mailsTo(customer, ticket, "[Request received] " + title);
        assertThat(mails).hasSize(1);
        assertThat(text(mails.get(0))).contains("Your request (" + ticket + ") has been received", "It jams");
    }

    @Test
    void aTicketAnAgentOpensForACustomerIsSentToTheCustomer() {
        TestUser customer = endUser();
        String title = unique("Proactive");

        long ticket = created(
                        as(agent()),
                        fields("subject", title, "comment", body("We noticed"), "requester_id", customer.id()))
                .get("id")
                .asLong();

        List<MimeMessage> mails = mailsTo(customer, ticket, title);
        assertThat(mails).hasSize(1);
        assertThat(text(mails.get(0))).contains("created on your behalf", "We noticed");
    }

    @Test
    void aPublicCommentGoesToTheRequesterAndCcsAndAnInternalNoteToNoEndUser() {
        TestUser customer = endUser();
        TestUser cc = endUser();
        String title = unique("Billing");
        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                title,
                                "comment",
                                body("Start"),
                                "requester_id",
                                customer.id(),
                                "email_cc_ids",
                                List.of(cc.id())))
                .get("id")
                .asLong();

        commented(as(agent()), ticket, "Internal secret: the refund is blocked", false);
        commented(as(agent()), ticket, "We are on it", true);

        List<MimeMessage> toCustomer = mailsTo(customer, ticket, "Re: " + title);
        assertThat(toCustomer).hasSize(1);
        assertThat(text(toCustomer.get(0))).contains("We are on it").doesNotContain("secret");
        List<MimeMessage> toCc = mailsTo(cc, ticket, "Re: " + title);
        assertThat(toCc).hasSize(1);
        for (MimeMessage mail : received(m -> addressedTo(m, customer.email()) || addressedTo(m, cc.email()))) {
            assertThat(text(mail)).doesNotContain("secret");
            assertThat(html(mail)).doesNotContain("secret");
        }
    }

    @Test
    void theAssigneeHearsOfCommentsAssignmentAndReopeningFromOthers() {
        Team team = team(true);
        TestUser customer = endUser();
        String title = unique("Router");
        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                title,
                                "comment",
                                body("Start"),
                                "requester_id",
                                customer.id(),
                                "group_id",
                                team.group(),
                                "assignee_id",
                                team.agent().id()))
                .get("id")
                .asLong();
        assertThat(mailsTo(team.agent(), ticket, "Assignment: " + title)).hasSize(1);

        commented(as(customer), ticket, "Any news?", true);
        List<MimeMessage> updated = mailsTo(team.agent(), ticket, "Re: " + title);
        assertThat(updated).hasSize(1);
        assertThat(text(updated.get(0))).contains("has been updated", "Any news?");

        updated(as(team.agent()), ticket, fields("status", "solved"));
        updated(admin(), ticket, fields("status", "open"));
        assertThat(mailsTo(team.agent(), ticket, "Re: " + title))
                .filteredOn(mail -> text(mail).contains("has been reopened"))
                .hasSize(1);
    }

    @Test
    void aGroupHearsOfATicketPutInItWithoutAnAssignee() {
        Team team = team(true);
        String title = unique("Queue");

        long ticket = created(admin(), fields("subject", title, "comment", body("For you"), "group_id", team.group()))
                .get("id")
                .asLong();

        List<MimeMessage> mails = mailsTo(team.agent(), ticket, "Assignment: " + title);
        assertThat(mails).hasSize(1);
        assertThat(text(mails.get(0))).contains("assigned to group", "For you");
    }

    @Test
    void aTriggerNotifiesBillingWhenAChildTicketArrives() {
        turnOnChildTickets();
        Team billing = team(true);
        Team support = team(true);
        long parent = created(admin(), fields("subject", unique("Parent"), "comment", body("Refund?")))
                .get("id")
                .asLong();
        Api.Response created = admin().post(
                        "/api/v2/triggers",
                        Map.of(
                                "trigger",
                                Map.of(
                                        "title", unique("Tell Billing"),
                                        // First, so that its email is the one Billing's agents get for this action
                                        // (the standard "Notify group of assignment" addresses them too).
                                        "position", 1,
                                        "conditions",
                                                Map.of(
                                                        "all",
                                                        List.of(
                                                                fields(
                                                                        "field",
                                                                        "update_type",
                                                                        "operator",
                                                                        "is",
                                                                        "value",
                                                                        "Create"),
                                                                fields(
                                                                        "field",
                                                                        "via_id",
                                                                        "operator",
                                                                        "is",
                                                                        "value",
                                                                        100),
                                                                fields(
                                                                        "field",
                                                                        "group_id",
                                                                        "operator",
                                                                        "is",
                                                                        "value",
                                                                        billing.group()))),
                                        "actions",
                                                List.of(fields(
                                                        "field",
                                                        "notification_group",
                                                        "value",
                                                        List.of(
                                                                "group_id",
                                                                "Child ticket for Billing: {{ticket.title}}",
                                                                "{{ticket.latest_comment}}"))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        triggers.add(created.json().at("/trigger/id").asLong());

        JsonNode conversation = started(
                        as(support.agent()),
                        parent,
                        message("Refund for order 7", "Please refund", toGroup(billing.group())))
                .get("side_conversation");
        long child = conversation.at("/child_ticket/id").asLong();

        List<MimeMessage> mails = mailsTo(billing.agent(), child, "Child ticket for Billing: Refund for order 7");
        assertThat(mails).hasSize(1);
        assertThat(text(mails.get(0))).contains("Please refund");
    }

    @Test
    void oneEmailPerPersonForAnActionOnAChildTicketsSideConversation_R15() {
        turnOnChildTickets();
        Team parentTeam = team(true);
        Team childTeam = team(true);
        String tag = unique("r15").replace("-", "");
        long parent = created(
                        admin(),
                        fields(
                                "subject",
                                unique("Parent"),
                                "comment",
                                body("Help"),
                                "group_id",
                                parentTeam.group(),
                                "assignee_id",
                                parentTeam.agent().id(),
                                "tags",
                                List.of(tag)))
                .get("id")
                .asLong();
        JsonNode conversation = started(
                        as(parentTeam.agent()),
                        parent,
                        message(
                                "Question",
                                "first",
                                toAgent(childTeam.group(), childTeam.agent().id())))
                .get("side_conversation");
        long child = conversation.at("/child_ticket/id").asLong();
        updated(admin(), child, fields("tags", List.of(tag)));
        TestUser watcher = childTeam.agent();
        for (Map<String, Object> condition : List.of(
                fields("field", "side_conversation", "operator", "is", "value", "replied"),
                fields("field", "comment_is_public", "operator", "is", "value", "not_relevant"))) {
            Api.Response created = admin().post(
                            "/api/v2/triggers",
                            Map.of(
                                    "trigger",
                                    Map.of(
                                            "title", unique("Watch"),
                                            "conditions",
                                                    Map.of(
                                                            "all",
                                                            List.of(
                                                                    fields(
                                                                            "field",
                                                                            "current_tags",
                                                                            "operator",
                                                                            "includes",
                                                                            "value",
                                                                            tag),
                                                                    condition)),
                                            "actions",
                                                    List.of(fields(
                                                            "field",
                                                            "notification_user",
                                                            "value",
                                                            List.of(watcher.id(), "Watch " + tag, "{{ticket.id}}"))))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            triggers.add(created.json().at("/trigger/id").asLong());
        }

        Api.Response replied = admin().post(
                        sideConversations(parent) + "/" + conversation.get("id").asString() + "/reply",
                        message(null, "More details", toGroup(childTeam.group())));
        assertThat(replied.status()).as(replied.toString()).isEqualTo(200);

        mailsTo(watcher, parent, tag);
        List<MimeMessage> mails = mailsTo(watcher, child, "");
        List<String> correlations = mails.stream()
                .map(mail -> header(mail, "X-Sidedesk-Correlation-Id"))
                .toList();
        assertThat(correlations).as("one email per action").doesNotHaveDuplicates();
        assertThat(mails)
                .filteredOn(mail -> subject(mail).equals("Watch " + tag))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(correlations).hasSizeGreaterThanOrEqualTo(2);
    }
}

package io.sidedesk.ticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One body type for ticket comments and side conversation messages (CommentBody): at most 64 KB, whichever of
 * {@code body} and {@code html_body} is sent, even where the body only stands in for an html_body without text.
 */
class CommentBodyTests extends SideConversationTestSupport {

    private static final String OVERSIZED = "x".repeat(CommentBody.MAX_BYTES + 1);

    @Test
    void aTicketCommentsBodyOver64KbIsRefusedNextToAnHtmlBodyAndNothingIsWritten() {
        long ticket = created(admin(), fields("subject", unique("Body"), "comment", body("first")))
                .get("id")
                .asLong();

        Api.Response withText = admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("comment", Map.of("body", OVERSIZED, "html_body", "<p>short</p>"))));
        Api.Response withoutText = admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("comment", Map.of("body", OVERSIZED, "html_body", "<p></p>"))));

        assertInvalid(withText, "comment.body");
        assertInvalid(withoutText, "comment.body");
        assertThat(comments(ticket)).hasSize(1);
    }

    @Test
    void aSideConversationMessagesBodyOver64KbIsRefusedNextToAnHtmlBodyAndNothingIsWritten_R5() {
        Team team = team(true);
        long parent = parentTicket();
        Written before = written(parent);
        Map<String, Object> withHtml =
                Map.of("body", OVERSIZED, "html_body", "<p>short</p>", "to", List.of(toGroup(team.group())));
        Map<String, Object> withEmptyHtml =
                Map.of("body", OVERSIZED, "html_body", "<p></p>", "to", List.of(toGroup(team.group())));

        Api.Response withText = start(admin(), parent, Map.of("message", withHtml));
        Api.Response withoutText = start(admin(), parent, Map.of("message", withEmptyHtml));

        assertInvalid(withText, "message.body");
        assertInvalid(withoutText, "message.body");
        assertNothingWritten(before, parent);
    }

    @Test
    void anExternalIdOver255CharactersIsRefusedNamingIt() {
        long ticket = created(admin(), fields("subject", unique("External"), "comment", body("first")))
                .get("id")
                .asLong();

        Api.Response refused =
                admin().put("/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("external_id", "e".repeat(256))));

        assertInvalid(refused, "external_id");
        assertThat(ticket(ticket).get("external_id").isNull()).isTrue();
    }
}

package io.sidedesk.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seams an independent review of issue 22 found between views and the rules around them: what a view tells an
 * agent about child tickets and private groups they may not see (R17, R22), the standard views' paging, and a view
 * that is saved but can never be run.
 */
class ViewSeamTests extends SideConversationTestSupport {

    private static final String VIEWS = "/api/v2/views";

    private final String tag = unique("vseam").replace("-", "");

    private final List<Long> made = new ArrayList<>();

    @AfterEach
    void deleteTheViews() {
        for (long id : made) {
            Api.Response response = admin().withoutContract().delete(VIEWS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
    }

    private static Map<String, Object> condition(String field, String operator, Object value) {
        return Map.of("field", field, "operator", operator, "value", value);
    }

    private Api.Response postView(Api caller, Map<String, Object> view) {
        Api.Response response = caller.post(VIEWS, Map.of("view", view));
        if (response.status() == 201) {
            made.add(response.json().at("/view/id").asLong());
        }
        return response;
    }

    private long standardView(String title) {
        for (JsonNode view : admin().get(VIEWS + "?per_page=100").json().get("views")) {
            if (view.get("title").asString().equals(title)) {
                return view.get("id").asLong();
            }
        }
        throw new IllegalStateException("No standard view " + title);
    }

    private static long previewCount(Api caller, List<Map<String, Object>> all) {
        Api.Response response = caller.post(VIEWS + "/preview/count", Map.of("view", Map.of("all", all)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/view_count/value").asLong();
    }

    // ---- what a view tells an agent -------------------------------------------------------------------------

    @Test
    void childTicketsWaitingOnOtherTeamsDoesNotCountAChildTheAgentMayNotSee_R17() {
        Team privateTeam = team(false);
        long parent = parentTicket(Map.of("tags", List.of(tag)));
        started(
                as(privateTeam.agent()),
                parent,
                message(
                        "Private",
                        "for my group only",
                        toAgent(privateTeam.group(), privateTeam.agent().id())));
        Api outsider = as(agent());
        assertThat(outsider.get("/api/v2/tickets/" + parent).status()).isEqualTo(200);
        List<Map<String, Object>> waiting =
                List.of(condition("current_tags", "includes", tag), condition("child_status", "less_than", "solved"));
        assertThat(previewCount(as(privateTeam.agent()), waiting)).isOne();

        // The side conversation tells the outsider the child's id and link only (R17), not whether it is solved;
        // has_linked_child_in reads every linked child, seen or not.
        long waitingView = standardView("Child tickets waiting on other teams");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(previewCount(outsider, waiting))
                .as("child_status counts a child the agent may not see")
                .isZero();
        softly.assertThat(ids(outsider.get(VIEWS + "/" + waitingView + "/tickets?per_page=100")
                        .json()
                        .get("tickets")))
                .as("the standard view lists a parent only for a hidden child's status")
                .doesNotContain(parent);
        softly.assertAll();
    }

    @Test
    void aViewsConditionsDoNotNameAPrivateGroupToAnAgentOutsideIt_R22() {
        long hidden = group(false);
        long id = postView(
                        admin(),
                        Map.of(
                                "title",
                                "Security queue " + tag,
                                "all",
                                List.of(
                                        condition("status", "less_than", "solved"),
                                        condition("group_id", "is", hidden))))
                .json()
                .at("/view/id")
                .asLong();
        Api outsider = as(agent());
        assertThat(outsider.get("/api/v2/groups/" + hidden).status())
                .as("the private group does not exist for the outsider")
                .isEqualTo(404);

        // Restriction.View drops the hidden groups of a restriction; the conditions are shown raw.
        JsonNode conditions = outsider.get(VIEWS + "/" + id).json().at("/view/conditions");
        List<Long> groupsNamed = new ArrayList<>();
        conditions.get("all").forEach(condition -> {
            if (condition.get("field").asString().equals("group_id")) {
                groupsNamed.add(condition.get("value").asLong());
            }
        });
        assertThat(groupsNamed)
                .as("a private group the agent is not in is not named to them: %s", conditions)
                .doesNotContain(hidden);
    }

    // ---- paging and running ---------------------------------------------------------------------------------

    @Test
    void theStandardViewsPageByCursorAsIssue22Asks() {
        Team team = team(true);
        for (int i = 0; i < 3; i++) {
            created(
                    as(team.agent()),
                    fields(
                            "subject",
                            "Mine " + tag,
                            "comment",
                            body("b"),
                            "group_id",
                            team.group(),
                            "assignee_id",
                            team.agent().id()));
        }
        SoftAssertions softly = new SoftAssertions();
        for (String title : List.of("Your unsolved tickets", "Recently updated tickets", "Pending tickets")) {
            Api.Response page = as(team.agent()).get(VIEWS + "/" + standardView(title) + "/tickets?page[size]=2");
            softly.assertThat(page.status()).as("%s by cursor: %s", title, page).isEqualTo(200);
        }
        // A preview ordered by updated_at refuses a cursor too, naming sort_by: a parameter preview does not have.
        Api.Response preview = as(team.agent())
                .post(
                        VIEWS + "/preview?page[size]=2",
                        Map.of(
                                "view",
                                Map.of(
                                        "all",
                                        List.of(condition("status", "less_than", "solved")),
                                        "output",
                                        Map.of("sort_by", "updated_at"))));
        softly.assertThat(preview.status() == 200
                        || preview.json().at("/details/output.sort_by").isArray())
                .as("a preview by cursor is served, or refused naming output.sort_by: %s", preview)
                .isTrue();
        softly.assertAll();
    }

    @Test
    void aViewThatIsSavedCanBeRunOrItIsRefusedNamingItsCondition() {
        // 1e8 hours is within the 1e9 the number fields take, but 11,400 years ago is before PostgreSQL's 4713 BC.
        Api.Response created = postView(
                admin(),
                Map.of(
                        "title",
                        "Long ago " + tag,
                        "all",
                        List.of(condition("updated_at", "greater_than", 100_000_000))));
        SoftAssertions softly = new SoftAssertions();
        if (created.status() == 201) {
            long id = created.json().at("/view/id").asLong();
            softly.assertThat(admin().get(VIEWS + "/" + id + "/tickets").status())
                    .as("a saved view's tickets")
                    .isEqualTo(200);
            softly.assertThat(admin().get(VIEWS + "/" + id + "/count").status())
                    .as("a saved view's count")
                    .isEqualTo(200);
        } else {
            softly.assertThat(created.status()).as(created.toString()).isEqualTo(422);
            softly.assertThat(created.json().at("/details/all[0].value").isArray())
                    .as(created.toString())
                    .isTrue();
        }
        Api.Response preview = admin().post(
                        VIEWS + "/preview/count",
                        Map.of(
                                "view",
                                Map.of(
                                        "all",
                                        List.of(condition("hours_until_next_sla_breach", "less_than", -100_000_000)))));
        softly.assertThat(preview.status())
                .as("a preview is run (200) or refused naming its condition (422): %s", preview)
                .isIn(200, 422);
        softly.assertAll();
    }
}

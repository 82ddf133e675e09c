package io.sidedesk.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view's tickets page, its count, the counts of several views and a search each run a bounded number of SQL
 * statements, whatever the number of tickets they hold (no N+1): counted at the connection around each request.
 */
class ViewQueryTests extends ApiTestSupport {

    private final List<Long> views = new ArrayList<>();

    private TestUser agent;
    private long group;

    @BeforeEach
    void setUp() {
        agent = agent();
        group = group(true);
        membership(agent, group);
    }

    @AfterEach
    void deleteTheViews() {
        views.forEach(id -> admin().delete("/api/v2/views/" + id));
    }

    @Test
    void aViewsTicketsAndCountCostTheSameForTwoTicketsAndForTwenty() {
        String few = unique("few").replace("-", "");
        String many = unique("many").replace("-", "");
        tickets(few, 2);
        tickets(many, 20);
        long fewView = view(few);
        long manyView = view(many);

        long fewPage = statements("/api/v2/views/" + fewView + "/tickets");
        long manyPage = statements("/api/v2/views/" + manyView + "/tickets");
        long manyCursor = statements("/api/v2/views/" + manyView + "/tickets?page[size]=10");
        long fewCount = statements("/api/v2/views/" + fewView + "/count");
        long manyCount = statements("/api/v2/views/" + manyView + "/count");

        assertThat(manyPage).isEqualTo(fewPage).isLessThanOrEqualTo(6);
        assertThat(manyCursor).isLessThanOrEqualTo(manyPage);
        assertThat(manyCount).isEqualTo(fewCount).isLessThanOrEqualTo(4);
        assertThat(as(agent)
                        .get("/api/v2/views/" + manyView + "/count")
                        .json()
                        .at("/view_count/value")
                        .asLong())
                .isEqualTo(20);
    }

    @Test
    void countingManyViewsIsOneStatementPerView() {
        String tag = unique("cm").replace("-", "");
        tickets(tag, 3);
        long one = view(tag);
        long two = view(tag);
        long three = view(tag);

        long single = statements("/api/v2/views/count_many?ids=" + one);
        long triple = statements("/api/v2/views/count_many?ids=" + one + "," + two + "," + three);

        assertThat(triple - single).isEqualTo(2);
    }

    @Test
    void aSearchCostsTheSameForTwoTicketsAndForTwenty() {
        String few = unique("sfew").replace("-", "");
        String many = unique("smany").replace("-", "");
        tickets(few, 2);
        tickets(many, 20);

        long fewPage = statements("/api/v2/search?query=" + few + "%20status%3Csolved");
        long manyPage = statements("/api/v2/search?query=" + many + "%20status%3Csolved");
        long manyCount = statements("/api/v2/search/count?query=" + many);

        assertThat(manyPage).isEqualTo(fewPage).isLessThanOrEqualTo(6);
        assertThat(manyCount).isLessThanOrEqualTo(4);
    }

    private void tickets(String word, int count) {
        for (int i = 0; i < count; i++) {
            created(
                    as(agent),
                    fields(
                            "subject",
                            "Queue " + word,
                            "comment",
                            body("Body of " + word),
                            "group_id",
                            group,
                            "tags",
                            List.of(word)));
        }
    }

    private long view(String tag) {
        long id = admin().post(
                        "/api/v2/views",
                        Map.of(
                                "view",
                                Map.of(
                                        "title",
                                        "Queue " + tag,
                                        "all",
                                        List.of(Map.of(
                                                "field", "current_tags", "operator", "includes", "value", tag)))))
                .json()
                .at("/view/id")
                .asLong();
        views.add(id);
        return id;
    }

    private long statements(String path) {
        return counted(() -> as(agent).get(path)).statements();
    }
}

package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.ApiTestSupport;
import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visibility predicate has three renderings from one decision ({@link TicketAccessPolicy.Visibility}): criteria for
 * the ORM's reads, SQL for the reads every request makes through JdbcClient (is the ticket visible, the summaries of
 * linked tickets), and the conditions held in hand to a ticket loaded by id (show, update; issue 26). For every kind of
 * caller and every kind of ticket, they give the same answer.
 */
class TicketVisibilitySqlTests extends ApiTestSupport {

    @Autowired
    private TicketVisibility visibility;

    @Autowired
    private ActorLookup actors;

    @Autowired
    private EntityManager entityManager;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void bothRenderingsOfThePredicateAdmitTheSameTicketsForEveryKindOfCaller() {
        Team open = team(true);
        Team closed = team(false);
        TestUser requester = endUser();
        TestUser cc = endUser();
        TestUser loner = agent();
        TestUser assignedOnly = user("agent", customRole(Map.of("ticket_access", "assigned-only")));
        membership(assignedOnly, open.group());
        TestUser inGroups = user("agent", customRole(Map.of("ticket_access", "within-groups")));
        membership(inGroups, closed.group());
        TestUser light = lightAgent();
        membership(light, open.group());

        Map<String, Long> tickets = new LinkedHashMap<>();
        tickets.put(
                "public group, assigned",
                ticket(fields(
                        "group_id", open.group(), "assignee_id", open.agent().id())));
        tickets.put(
                "public group, assigned-only agent's",
                ticket(fields("group_id", open.group(), "assignee_id", assignedOnly.id())));
        tickets.put("private group", ticket(fields("group_id", closed.group())));
        tickets.put(
                "no group, requested, cc",
                ticket(fields("requester_id", requester.id(), "email_cc_ids", List.of(cc.id()))));
        tickets.put("requested by the loner", ticket(fields("requester_id", loner.id(), "group_id", closed.group())));
        long deleted = ticket(fields("group_id", open.group()));
        assertThat(admin().delete("/api/v2/tickets/" + deleted).status()).isEqualTo(204);
        tickets.put("deleted", deleted);

        List<String> callers = new ArrayList<>();
        Map<String, Long> people = new LinkedHashMap<>();
        people.put("admin", 1L);
        people.put("member of the public group", open.agent().id());
        people.put("member of the private group", closed.agent().id());
        people.put("agent in no group", loner.id());
        people.put("assigned-only agent", assignedOnly.id());
        people.put("within-groups agent", inGroups.id());
        people.put("light agent", light.id());
        people.put("requester", requester.id());
        people.put("cc", cc.id());
        Set<Long> ids = new TreeSet<>(tickets.values());
        people.forEach((who, id) -> {
            Actor actor = actors.activeById(id).orElseThrow();
            Set<Long> byCriteria = transactions.execute(status -> byCriteria(actor, ids));
            Set<Long> bySql = new TreeSet<>();
            for (long ticket : ids) {
                if (transactions.execute(status -> visibility.isVisible(actor, ticket))) {
                    bySql.add(ticket);
                }
            }
            Set<Long> byFind = new TreeSet<>();
            for (long ticket : ids) {
                for (boolean forUpdate : new boolean[] {false, true}) {
                    Boolean found = transactions.execute(status -> {
                        try {
                            return visibility.find(actor, ticket, forUpdate).getId() == ticket;
                        } catch (io.sidedesk.web.RecordNotFound notFound) {
                            return false;
                        }
                    });
                    if (found) {
                        byFind.add(ticket);
                    }
                }
            }
            Set<Long> byRead = new TreeSet<>();
            for (long ticket : ids) {
                try {
                    byRead.add(visibility.read(actor, ticket).getId());
                } catch (io.sidedesk.web.RecordNotFound notFound) {
                    // not visible
                }
            }
            Set<Long> bySummaries = new TreeSet<>();
            transactions.execute(status -> visibility.summaries(actor, ids)).values().stream()
                    .filter(Tickets.Summary::visible)
                    .forEach(summary -> bySummaries.add(summary.id()));
            assertThat(bySql).as("%s: isVisible against the criteria", who).isEqualTo(byCriteria);
            assertThat(byFind)
                    .as("%s: find (loaded by id, held to the conditions) against the criteria", who)
                    .isEqualTo(byCriteria);
            assertThat(byRead)
                    .as("%s: read (a row through JdbcClient, outside a transaction) against the criteria", who)
                    .isEqualTo(byCriteria);
            assertThat(bySummaries)
                    .as("%s: summaries against the criteria", who)
                    .isEqualTo(byCriteria);
            callers.add(who + " sees " + byCriteria.size());
        });
        // The fixture tells the kinds apart: not everyone sees everything, nor nothing.
        assertThat(callers).hasSize(people.size());
        Set<Long> adminSees =
                transactions.execute(status -> byCriteria(actors.activeById(1L).orElseThrow(), ids));
        assertThat(adminSees).hasSize(ids.size() - 1);
        Set<Long> ccSees = transactions.execute(
                status -> byCriteria(actors.activeById(cc.id()).orElseThrow(), ids));
        assertThat(ccSees).containsExactly(tickets.get("no group, requested, cc"));
    }

    private long ticket(Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("subject", "Visibility");
        all.put("comment", body("Who sees this?"));
        return created(admin(), all).get("id").asLong();
    }

    private Set<Long> byCriteria(Actor actor, Set<Long> ids) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<Ticket> root = query.from(Ticket.class);
        query.select(root.get("id"))
                .where(cb.and(
                        visibility.visibleTo(actor).toPredicate(root, query, cb),
                        root.get("id").in(ids)));
        return new TreeSet<>(entityManager.createQuery(query).getResultList());
    }
}

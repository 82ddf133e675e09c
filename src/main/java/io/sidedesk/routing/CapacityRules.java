package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Capacity rules (admins only): each names the agents it holds; the default rule holds everyone else. An agent is
 * held by one rule at most: naming them in a rule takes them out of any other. Every change lets the routers look
 * again after commit (a raised capacity frees places).
 */
@Service
class CapacityRules {

    static final int MAX_RULES = 100;

    private final CapacityRuleRepository rules;
    private final JdbcClient jdbc;
    private final People people;
    private final RoutingEntries entries;

    CapacityRules(CapacityRuleRepository rules, JdbcClient jdbc, People people, RoutingEntries entries) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.people = people;
        this.entries = entries;
    }

    @Transactional(readOnly = true)
    CapacityRuleView.Many list(Actor actor) {
        actor.requireAdmin();
        List<CapacityRule> all = rules.findAllByOrderByIsDefaultDescNameAscIdAsc();
        Map<Long, List<Long>> agents =
                agentsOf(all.stream().map(CapacityRule::getId).toList());
        return new CapacityRuleView.Many(all.stream()
                .map(rule -> CapacityRuleView.of(rule, agents.getOrDefault(rule.getId(), List.of())))
                .toList());
    }

    @Transactional(readOnly = true)
    CapacityRuleView show(Actor actor, long id) {
        actor.requireAdmin();
        return view(find(id));
    }

    @Transactional
    CapacityRuleView create(Actor actor, CapacityRuleRequest.Fields fields) {
        actor.requireAdmin();
        if (fields.name() == null) {
            throw RecordInvalid.field("name", "is required");
        }
        if (fields.capacities() == null || fields.capacities().email() == null) {
            throw RecordInvalid.field("capacities.email", "is required");
        }
        if (rules.count() >= MAX_RULES) {
            throw RecordInvalid.field("base", "an account has at most " + MAX_RULES + " capacity rules");
        }
        CapacityRule rule = new CapacityRule(
                name(fields.name(), 0),
                fields.description(),
                capacities(new CapacityRule.Capacities(0, 0, 0), fields.capacities()));
        List<Long> agentIds = agentIds(fields);
        rules.saveAndFlush(rule);
        if (Boolean.TRUE.equals(fields.isDefault())) {
            makeDefault(rule);
        }
        if (agentIds != null) {
            holdAgents(rule, agentIds);
        }
        entries.wakeRoutersAfterCommit();
        return view(rule);
    }

    @Transactional
    CapacityRuleView update(Actor actor, long id, CapacityRuleRequest.Fields fields) {
        actor.requireAdmin();
        CapacityRule rule = find(id);
        List<Long> agentIds = agentIds(fields);
        if (Boolean.FALSE.equals(fields.isDefault())) {
            rule.requireNotDefault("default", "cannot be false on the default rule: make another rule the default");
        }
        rule.change(
                fields.name() == null ? null : name(fields.name(), id),
                fields.description(),
                fields.capacities() == null ? null : capacities(rule.capacities(), fields.capacities()));
        if (Boolean.TRUE.equals(fields.isDefault()) && !rule.isDefault()) {
            makeDefault(rule);
        }
        if (agentIds != null) {
            if (rule.isDefault() && !agentIds.isEmpty()) {
                throw RecordInvalid.field(
                        "agent_ids",
                        "must be empty on the default rule: it holds every agent no other " + "rule names");
            }
            holdAgents(rule, agentIds);
        }
        rules.flush();
        entries.wakeRoutersAfterCommit();
        return view(rule);
    }

    @Transactional
    void delete(Actor actor, long id) {
        actor.requireAdmin();
        CapacityRule rule = find(id);
        rule.requireNotDefault("base", "The default capacity rule cannot be deleted: make another rule the default");
        rules.delete(rule); // its agents' rows go with it: the default holds them now
        entries.wakeRoutersAfterCommit();
    }

    private CapacityRule find(long id) {
        return rules.findById(id).orElseThrow(() -> new RecordNotFound("Capacity rule", id));
    }

    private CapacityRuleView view(CapacityRule rule) {
        return CapacityRuleView.of(rule, agentsOf(List.of(rule.getId())).getOrDefault(rule.getId(), List.of()));
    }

    /** The one default: the rule becomes it and the old one stops being it; it names no agents of its own. */
    private void makeDefault(CapacityRule rule) {
        rules.findByIsDefaultTrue().ifPresent(previous -> {
            previous.stopBeingDefault();
            rules.flush();
        });
        rule.makeDefault();
        rules.flush();
        jdbc.sql("delete from capacity_rule_agents where rule_id = :rule")
                .param("rule", rule.getId())
                .update();
    }

    /** Exactly these agents in the rule: others it held fall back to the default; these leave any other rule. */
    private void holdAgents(CapacityRule rule, List<Long> agentIds) {
        if (rule.isDefault() && !agentIds.isEmpty()) {
            throw RecordInvalid.field(
                    "agent_ids",
                    "cannot be sent with default: the default rule holds every agent no " + "other rule names");
        }
        jdbc.sql("delete from capacity_rule_agents where rule_id = :rule and not (agent_id = any(:agents))")
                .param("rule", rule.getId())
                .param("agents", agentIds.toArray(Long[]::new))
                .update();
        for (long agent : agentIds) {
            jdbc.sql("""
                            insert into capacity_rule_agents (agent_id, rule_id) values (:agent, :rule)
                            on conflict (agent_id) do update set rule_id = excluded.rule_id""").param("agent", agent).param("rule", rule.getId()).update();
        }
    }

    /** The agent ids sent, each an active agent or admin who can be assigned tickets; null if not sent. */
    private List<Long> agentIds(CapacityRuleRequest.Fields fields) {
        if (fields.agentIds() == null) {
            return null;
        }
        Set<Long> ids = new LinkedHashSet<>(fields.agentIds());
        Map<Long, People.Person> found = people.people(ids);
        for (long id : ids) {
            People.Person person = found.get(id);
            if (person == null || !person.isStaff() || !person.assignable()) {
                throw RecordInvalid.field(
                        "agent_ids", "user " + id + " is not an active agent or admin who can be assigned tickets");
            }
        }
        return new ArrayList<>(ids);
    }

    private String name(String given, long id) {
        String name = given.strip();
        if (name.isEmpty()) {
            throw RecordInvalid.field("name", "is required");
        }
        if (rules.existsByNameIgnoreCaseAndIdNot(name, id)) {
            throw RecordInvalid.field("name", "is already the name of another capacity rule");
        }
        return name;
    }

    private static CapacityRule.Capacities capacities(
            CapacityRule.Capacities current, CapacityRuleRequest.Capacities sent) {
        return new CapacityRule.Capacities(
                sent.email() != null ? sent.email() : current.email(),
                sent.messaging() != null ? sent.messaging() : current.messaging(),
                sent.voice() != null ? sent.voice() : current.voice());
    }

    private Map<Long, List<Long>> agentsOf(List<Long> ruleIds) {
        Map<Long, List<Long>> agents = new HashMap<>();
        if (ruleIds.isEmpty()) {
            return agents;
        }
        jdbc.sql("select rule_id, agent_id from capacity_rule_agents where rule_id in (:rules) "
                        + "order by rule_id, agent_id")
                .param("rules", ruleIds)
                .query((row, number) -> {
                    agents.computeIfAbsent(row.getLong(1), rule -> new ArrayList<>())
                            .add(row.getLong(2));
                    return null;
                })
                .list();
        return agents;
    }
}

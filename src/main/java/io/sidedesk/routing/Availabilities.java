package io.sidedesk.routing;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.Groups;
import io.sidedesk.settings.Settings;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.WireValue;

/**
 * Agents' availability as the API reads it (Zendesk's JSON:API): who may be routed work, in which status, with what
 * capacity and load. Admins see every active agent and admin who can be assigned tickets; an agent sees themself and
 * those who share a group with them; light agents are never routed (R3) and do not read others' load. Each agent's
 * groups are those the caller may see (R17). A page is read in a few statements, whatever its size.
 */
@Service
class Availabilities {

    // Every assignable agent or admin, with their status, capacity rule, routed load and groups.
    private static final String READ = """
            select u.id, coalesce(a.status_id, 2), coalesce(a.reason, 'UNKNOWN'), a.status_updated_at,
                   coalesce(a.version, 1), coalesce(r.email, d.email), coalesce(r.messaging, d.messaging),
                   coalesce(r.voice, d.voice),
                   (select count(*) from tickets l where l.routed_to = u.id and l.assignee_id = u.id
                        and l.status in (:statuses) and not l.deleted) as load,
                   (select array_agg(m.group_id order by m.group_id) from group_memberships m
                        join groups g on g.id = m.group_id where m.user_id = u.id and not g.deleted) as groups
            from users u
            left join agent_availabilities a on a.agent_id = u.id
            join agent_statuses s on s.id = coalesce(a.status_id, 2)
            left join capacity_rule_agents ra on ra.agent_id = u.id
            left join capacity_rules r on r.id = ra.rule_id
            cross join (select email, messaging, voice from capacity_rules where is_default) d
            where u.active and u.role in ('agent', 'admin')
              and (u.custom_role_id is null or exists (select 1 from custom_roles cr
                  where cr.id = u.custom_role_id and cr.role_type <> 1))
            """;

    private static final String SHARES_A_GROUP = """
              and (u.id = :caller or exists (select 1 from group_memberships mine
                  join group_memberships theirs on theirs.group_id = mine.group_id
                  join groups g on g.id = mine.group_id
                  where mine.user_id = :caller and theirs.user_id = u.id and not g.deleted))
            """;

    private static final List<String> CHANNELS = List.of("email", "messaging", "voice");

    private final JdbcClient jdbc;
    private final Settings settings;
    private final AgentStatusRepository statuses;
    private final Groups groups;

    Availabilities(JdbcClient jdbc, Settings settings, AgentStatusRepository statuses, Groups groups) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.statuses = statuses;
        this.groups = groups;
    }

    /** The filters of the list; null members filter nothing. */
    record Filter(List<Long> agentIds, String channelStatus, String remainingCapacity, Long groupId) {}

    @Transactional(readOnly = true)
    AgentAvailabilityView.One show(Actor actor, long agentId) {
        requireReader(actor);
        List<AgentAvailabilityView.Read> found =
                read(actor, new Filter(List.of(agentId), null, null, null), null, false, 1);
        if (found.isEmpty()) {
            throw new RecordNotFound("Agent availability", agentId);
        }
        return new AgentAvailabilityView.One(
                AgentAvailabilityView.of(found.get(0)), AgentAvailabilityView.channels(found.get(0)));
    }

    @Transactional(readOnly = true)
    ListPage.Body list(Actor actor, Filter filter, Paging paging) {
        requireReader(actor);
        checkFilter(filter);
        if (filter.groupId() != null && !actor.isAdmin() && !groups.canSee(actor, filter.groupId())) {
            // A private group the caller is not in is answered like a missing one: nobody is in it.
            filter = new Filter(List.of(), null, null, null);
        }
        Filter asked = filter;
        ListPage<AgentAvailabilityView.Read> page = paging.cursorOnly()
                .fetchById(
                        (position, downward, limit) -> read(actor, asked, position, downward, limit),
                        AgentAvailabilityView.Read::agentId);
        ListPage.Body body = page.map(AgentAvailabilityView::of).body("data");
        List<AgentAvailabilityView.Channel> included = new ArrayList<>();
        page.items().forEach(read -> included.addAll(AgentAvailabilityView.channels(read)));
        // JSON:API order: data, included, then the paging members; links start with the first page.
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("data", body.members().remove("data"));
        members.put("included", included);
        members.putAll(body.members());
        Map<String, Object> links = new LinkedHashMap<>();
        links.put(
                "first",
                ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam("page[after]")
                        .replaceQueryParam("page[before]")
                        .build()
                        .toUriString()
                        .replace("%5B", "[")
                        .replace("%5D", "]"));
        @SuppressWarnings("unchecked")
        Map<String, Object> pageLinks = (Map<String, Object>) members.get("links");
        links.putAll(pageLinks);
        members.put("links", links);
        body.members().clear();
        body.members().putAll(members);
        return body;
    }

    private static void requireReader(Actor actor) {
        actor.requireStaff();
        if (actor.isLightAgent()) {
            throw new ActionForbidden("Light agents are never routed work and do not read agents' availability");
        }
    }

    private static void checkFilter(Filter filter) {
        if (filter.channelStatus() != null) {
            String[] parts = filter.channelStatus().split(":", 2);
            if (parts.length != 2
                    || !CHANNELS.contains(parts[0])
                    || WireValue.find(ChannelStatus.class, parts[1]) == null) {
                throw new InvalidParameter(
                        "filter[channel_status]",
                        "must be channel:status, as email:online (channels email, "
                                + "messaging, voice; statuses online, away, transfers_only, offline)");
            }
        }
        if (filter.remainingCapacity() != null) {
            String[] parts = filter.remainingCapacity().split(":", 2);
            if (parts.length != 2 || !CHANNELS.contains(parts[0]) || !parts[1].matches("[0-9]{1,4}")) {
                throw new InvalidParameter(
                        "filter[remaining_capacity]", "must be channel:count, as email:1 (at least that many free)");
            }
        }
    }

    private List<AgentAvailabilityView.Read> read(
            Actor actor, Filter filter, Long position, boolean downward, int limit) {
        StringBuilder sql = new StringBuilder(READ);
        Map<String, Object> parameters = new HashMap<>();
        boolean countHeld = settings.routing().countPendingAndOnHold();
        parameters.put("statuses", countHeld ? List.of("new", "open", "pending", "hold") : List.of("new", "open"));
        if (!actor.isAdmin()) {
            sql.append(SHARES_A_GROUP);
            parameters.put("caller", actor.userId());
        }
        if (filter.agentIds() != null) {
            sql.append(" and u.id in (:agents)");
            parameters.put("agents", filter.agentIds().isEmpty() ? List.of(0L) : filter.agentIds());
        }
        if (filter.groupId() != null) {
            sql.append(" and exists (select 1 from group_memberships fg where fg.user_id = u.id "
                    + "and fg.group_id = :group)");
            parameters.put("group", filter.groupId());
        }
        if (filter.channelStatus() != null) {
            String[] parts = filter.channelStatus().split(":", 2);
            sql.append(" and s.").append(parts[0]).append(" = :channelStatus");
            parameters.put("channelStatus", parts[1]);
        }
        if (filter.remainingCapacity() != null) {
            String[] parts = filter.remainingCapacity().split(":", 2);
            String capacity = "coalesce(r." + parts[0] + ", d." + parts[0] + ")";
            sql.append(" and ")
                    .append(capacity)
                    .append(
                            parts[0].equals("email")
                                    ? " - (select count(*) from tickets l where l.routed_to = u.id and l.assignee_id = u.id"
                                            + " and l.status in (:statuses) and not l.deleted)"
                                    : "")
                    .append(" >= :remaining");
            parameters.put("remaining", Integer.parseInt(parts[1]));
        }
        if (position != null) {
            sql.append(downward ? " and u.id < :position" : " and u.id > :position");
            parameters.put("position", position);
        }
        sql.append(downward ? " order by u.id desc" : " order by u.id").append(" limit :limit");
        parameters.put("limit", limit);
        List<Row> rows = jdbc.sql(sql.toString())
                .params(parameters)
                .query(Availabilities::row)
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, AgentStatus> byId = new HashMap<>();
        statuses.findAllById(rows.stream().map(Row::statusId).distinct().toList())
                .forEach(status -> byId.put(status.getId(), status));
        Set<Long> allGroups = new HashSet<>();
        rows.forEach(row -> allGroups.addAll(row.groupIds()));
        Set<Long> visible = actor.isAdmin() ? allGroups : groups.visibleAmong(actor, allGroups);
        return rows.stream()
                .map(row -> new AgentAvailabilityView.Read(
                        row.agentId(),
                        new AgentAvailabilities.Current(
                                row.agentId(), row.statusId(), row.reason(), row.updatedAt(), row.version()),
                        byId.get(row.statusId()),
                        row.groupIds().stream().filter(visible::contains).toList(),
                        row.capacities(),
                        row.load()))
                .toList();
    }

    private record Row(
            long agentId,
            long statusId,
            AgentAvailabilities.Reason reason,
            Instant updatedAt,
            long version,
            CapacityRule.Capacities capacities,
            long load,
            List<Long> groupIds) {}

    private static Row row(java.sql.ResultSet row, int number) throws SQLException {
        Array groupIds = row.getArray(10);
        return new Row(
                row.getLong(1),
                row.getLong(2),
                AgentAvailabilities.Reason.valueOf(row.getString(3)),
                row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant(),
                row.getLong(5),
                new CapacityRule.Capacities(row.getInt(6), row.getInt(7), row.getInt(8)),
                row.getLong(9),
                groupIds == null ? List.of() : Arrays.asList((Long[]) groupIds.getArray()));
    }
}

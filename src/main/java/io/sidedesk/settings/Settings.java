package io.sidedesk.settings;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ConfigVersion;
import io.sidedesk.web.PendingWrites;
import io.sidedesk.web.RecordInvalid;

/**
 * Account settings, in two sections: {@code side_conversations} and {@code routing}. Agents read them; admins change
 * them. A change names only the keys it sets; an unknown key or a bad value fails the whole change, naming the key,
 * and nothing is written.
 */
@Service
public class Settings {

    static final String SECTION = "side_conversations";
    static final String ROUTING = "routing";

    private final AccountSettingsRepository settings;

    /** Both sections as of the configuration's version: every write reads them. */
    private final ConfigVersion.Kept<Sections> kept;

    Settings(AccountSettingsRepository settings, ConfigVersion versions, JdbcClient jdbc, EntityManager entityManager) {
        this.settings = settings;
        // Read from the database, never from a session's copy of the row (a transaction that read it before another
        // instance changed it would keep the old one at the new version); a change this transaction has not flushed
        // yet is flushed first, as the ORM's own query would.
        this.kept = versions.keep(() -> {
            PendingWrites.flush(entityManager);
            AccountSettings row = jdbc.sql("select * from account_settings where id = ?")
                    .param(AccountSettings.ID)
                    .query((result, number) -> AccountSettings.read(result))
                    .single();
            return new Sections(row.sideConversations(), row.routing());
        });
    }

    /** The side conversation switches in force now. */
    public SideConversationSettings sideConversations() {
        return kept.get().sideConversations();
    }

    /** The routing switches in force now. */
    public RoutingSettings routing() {
        return kept.get().routing();
    }

    /** Both sections, as the API shows them. */
    record Sections(SideConversationSettings sideConversations, RoutingSettings routing) {}

    @Transactional(readOnly = true)
    Sections show(Actor actor) {
        actor.requireStaff();
        AccountSettings row = row();
        return new Sections(row.sideConversations(), row.routing());
    }

    @Transactional
    Sections change(Actor actor, JsonNode body) {
        actor.requireAdmin();
        ConfigVersion.changing();
        AccountSettings row = row();
        JsonNode sections = body == null ? null : body.get("settings");
        if (sections == null || !sections.isObject()) {
            throw RecordInvalid.field("settings", "is required and must be an object");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String key : sections.propertyNames()) {
            if (!SECTION.equals(key) && !ROUTING.equals(key)) {
                errors.put(key, List.of("is not a settings section; they are " + SECTION + " and " + ROUTING));
            }
        }
        if (!sections.has(SECTION) && !sections.has(ROUTING)) {
            throw errors.isEmpty()
                    ? RecordInvalid.field("settings", "must name a section: " + SECTION + " or " + ROUTING)
                    : new RecordInvalid(errors);
        }
        SideConversationSettings sideConversations = row.sideConversations();
        RoutingSettings routing = row.routing();
        if (section(sections, SECTION, errors) != null) {
            sideConversations = apply(sideConversations, sections.get(SECTION), errors);
        }
        if (section(sections, ROUTING, errors) != null) {
            routing = apply(routing, sections.get(ROUTING), errors);
        }
        if (!errors.isEmpty()) {
            throw new RecordInvalid(errors);
        }
        row.change(sideConversations);
        row.change(routing);
        return new Sections(sideConversations, routing);
    }

    private AccountSettings row() {
        return settings.findById(AccountSettings.ID)
                .orElseThrow(() -> new IllegalStateException("account_settings has no row: the migration inserts it"));
    }

    /** The section sent, if it is an object (else an error naming it); null if not sent. */
    private static JsonNode section(JsonNode sections, String name, Map<String, List<String>> errors) {
        JsonNode values = sections.get(name);
        if (values != null && !values.isObject()) {
            errors.put(name, List.of("must be an object"));
            return null;
        }
        return values;
    }

    private static SideConversationSettings apply(
            SideConversationSettings current, JsonNode values, Map<String, List<String>> errors) {
        boolean ticketsChannel = current.ticketsChannel();
        boolean emailChannel = current.emailChannel();
        CommentType commentType = current.childTicketCommentType();
        boolean statusUpdates = current.childTicketStatusUpdates();
        Set<CopyField> copyFields = current.childTicketDefaultCopyFields();
        boolean requireChildren = current.parentSolveRequiresChildrenSolved();
        boolean solveChildren = current.solveChildrenWithParent();
        boolean reopenParent = current.reopenParentWhenChildReopens();
        boolean notifyAssignee = current.notifyParentAssigneeWhenChildrenDone();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String name = SECTION + "." + key;
            switch (key) {
                case "tickets_channel" -> ticketsChannel = bool(value, ticketsChannel, name, errors);
                case "email_channel" -> {
                    if (value.isBoolean() && !value.booleanValue()) {
                        emailChannel = false;
                    } else {
                        errors.put(name, List.of("must be false: email side conversations are not available"));
                    }
                }
                case "child_ticket_comment_type" -> {
                    CommentType type = value.isString() ? CommentType.of(value.stringValue()) : null;
                    if (type != null) {
                        commentType = type;
                    } else {
                        errors.put(name, List.of("must be public, internal or match_ticket_privacy"));
                    }
                }
                case "child_ticket_status_updates" -> statusUpdates = bool(value, statusUpdates, name, errors);
                case "child_ticket_default_copy_fields" -> {
                    Set<CopyField> fields = copyFields(value);
                    if (fields != null) {
                        copyFields = fields;
                    } else {
                        errors.put(name, List.of("must be a list drawn from tags, followers, ticket_form, requester"));
                    }
                }
                case "parent_solve_requires_children_solved" ->
                    requireChildren = bool(value, requireChildren, name, errors);
                case "solve_children_with_parent" -> solveChildren = bool(value, solveChildren, name, errors);
                case "reopen_parent_when_child_reopens" -> reopenParent = bool(value, reopenParent, name, errors);
                case "notify_parent_assignee_when_children_done" ->
                    notifyAssignee = bool(value, notifyAssignee, name, errors);
                default -> errors.put(name, List.of("is not a side conversation setting"));
            }
        }
        return new SideConversationSettings(
                ticketsChannel,
                emailChannel,
                commentType,
                statusUpdates,
                copyFields,
                requireChildren,
                solveChildren,
                reopenParent,
                notifyAssignee);
    }

    private static RoutingSettings apply(RoutingSettings current, JsonNode values, Map<String, List<String>> errors) {
        boolean enabled = current.enabled();
        AssignmentMethod method = current.assignmentMethod();
        String tag = current.routingTag();
        boolean countPending = current.countPendingAndOnHold();
        boolean whenOffline = current.reassignWhenOffline();
        boolean whenAway = current.reassignWhenAway();
        int delay = current.reassignDelaySeconds();
        boolean reopened = current.reassignReopened();
        int secondaryWait = current.secondaryGroupWaitSeconds();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String name = ROUTING + "." + key;
            switch (key) {
                case "enabled" -> enabled = bool(value, enabled, name, errors);
                case "assignment_method" -> {
                    AssignmentMethod given = value.isString() ? AssignmentMethod.of(value.stringValue()) : null;
                    if (given != null) {
                        method = given;
                    } else {
                        errors.put(name, List.of("must be spare_capacity, spare_percentage or round_robin"));
                    }
                }
                case "routing_tag" -> {
                    String given = value.isNull() ? null : value.isString() ? routingTag(value.stringValue()) : "";
                    if (given == null || !given.isEmpty()) {
                        tag = given;
                    } else {
                        errors.put(
                                name, List.of("must be null or one tag: no blanks or commas, at most 255 characters"));
                    }
                }
                case "count_pending_and_on_hold" -> countPending = bool(value, countPending, name, errors);
                case "reassign_when_offline" -> whenOffline = bool(value, whenOffline, name, errors);
                case "reassign_when_away" -> whenAway = bool(value, whenAway, name, errors);
                case "reassign_delay_seconds" -> delay = seconds(value, delay, name, errors);
                case "reassign_reopened" -> reopened = bool(value, reopened, name, errors);
                case "secondary_group_wait_seconds" -> secondaryWait = seconds(value, secondaryWait, name, errors);
                default -> errors.put(name, List.of("is not a routing setting"));
            }
        }
        return new RoutingSettings(
                enabled, method, tag, countPending, whenOffline, whenAway, delay, reopened, secondaryWait);
    }

    /** A tag as tickets keep them (lower case), or "" if the text is not exactly one. */
    private static String routingTag(String text) {
        String tag = text.strip().toLowerCase(Locale.ROOT);
        return tag.isEmpty() || tag.length() > 255 || !tag.equals(tag.replaceAll("[\\s,]", "")) ? "" : tag;
    }

    private static boolean bool(JsonNode value, boolean current, String name, Map<String, List<String>> errors) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        errors.put(name, List.of("must be true or false"));
        return current;
    }

    private static int seconds(JsonNode value, int current, String name, Map<String, List<String>> errors) {
        if (value.isIntegralNumber()
                && value.canConvertToInt()
                && value.intValue() >= 0
                && value.intValue() <= RoutingSettings.MAX_SECONDS) {
            return value.intValue();
        }
        errors.put(name, List.of("must be a whole number of seconds from 0 to " + RoutingSettings.MAX_SECONDS));
        return current;
    }

    private static Set<CopyField> copyFields(JsonNode value) {
        if (!value.isArray()) {
            return null;
        }
        List<CopyField> fields = new ArrayList<>();
        for (JsonNode item : value.values()) {
            CopyField field = item.isString() ? CopyField.of(item.stringValue()) : null;
            if (field == null) {
                return null;
            }
            fields.add(field);
        }
        return fields.isEmpty() ? EnumSet.noneOf(CopyField.class) : EnumSet.copyOf(fields);
    }
}

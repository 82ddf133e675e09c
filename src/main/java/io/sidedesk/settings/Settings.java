package io.sidedesk.settings;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.RecordInvalid;

/**
 * Account settings. Agents read them; admins change them. A change names only the keys it sets; an
 * unknown key or a bad value fails the whole change, naming the key, and nothing is written.
 */
@Service
public class Settings {

    static final String SECTION = "side_conversations";

    private final AccountSettingsRepository settings;

    Settings(AccountSettingsRepository settings) {
        this.settings = settings;
    }

    /** The side conversation switches in force now. */
    @Transactional(readOnly = true)
    public SideConversationSettings sideConversations() {
        return row().sideConversations();
    }

    @Transactional(readOnly = true)
    SideConversationSettings show(Actor actor) {
        actor.requireStaff();
        return sideConversations();
    }

    @Transactional
    SideConversationSettings change(Actor actor, JsonNode body) {
        actor.requireAdmin();
        AccountSettings row = row();
        SideConversationSettings changed = apply(row.sideConversations(), body);
        row.change(changed);
        return changed;
    }

    private AccountSettings row() {
        return settings.findById(AccountSettings.ID)
                .orElseThrow(() -> new IllegalStateException("account_settings has no row: the migration inserts it"));
    }

    private static SideConversationSettings apply(SideConversationSettings current, JsonNode body) {
        JsonNode section = body == null ? null : body.get("settings");
        if (section == null || !section.isObject()) {
            throw RecordInvalid.field("settings", "is required and must be an object");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String key : section.propertyNames()) {
            if (!SECTION.equals(key)) {
                errors.put(key, List.of("is not a settings section; the only one is " + SECTION));
            }
        }
        JsonNode values = section.get(SECTION);
        if (values != null && !values.isObject()) {
            errors.put(SECTION, List.of("must be an object"));
        }
        if (values == null || !values.isObject()) {
            throw errors.isEmpty() ? RecordInvalid.field(SECTION, "is required") : new RecordInvalid(errors);
        }
        boolean ticketsChannel = current.ticketsChannel();
        boolean emailChannel = current.emailChannel();
        CommentType commentType = current.childTicketCommentType();
        boolean statusUpdates = current.childTicketStatusUpdates();
        Set<CopyField> copyFields = current.childTicketDefaultCopyFields();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String name = SECTION + "." + key;
            switch (key) {
                case "tickets_channel" -> {
                    if (value.isBoolean()) {
                        ticketsChannel = value.booleanValue();
                    } else {
                        errors.put(name, List.of("must be true or false"));
                    }
                }
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
                case "child_ticket_status_updates" -> {
                    if (value.isBoolean()) {
                        statusUpdates = value.booleanValue();
                    } else {
                        errors.put(name, List.of("must be true or false"));
                    }
                }
                case "child_ticket_default_copy_fields" -> {
                    Set<CopyField> fields = copyFields(value);
                    if (fields != null) {
                        copyFields = fields;
                    } else {
                        errors.put(name, List.of("must be a list drawn from tags, followers, ticket_form, requester"));
                    }
                }
                default -> errors.put(name, List.of("is not a side conversation setting"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RecordInvalid(errors);
        }
        return new SideConversationSettings(ticketsChannel, emailChannel, commentType, statusUpdates, copyFields);
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

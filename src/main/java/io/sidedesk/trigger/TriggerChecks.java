package io.sidedesk.trigger;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Conditions;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.form.CustomFields;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.webhook.WebhookQueue;

/**
 * A trigger checked whole as it is written, before anything is: its language ({@link TriggerLanguage}), then what it
 * names against the directory and the ticket fields (users that exist, active agents as assignees, live groups,
 * active custom fields and values they take), each refusal a 422 naming the place.
 */
@Component
class TriggerChecks {

    private final People people;
    private final Groups groups;
    private final CustomFields customFields;
    private final WebhookQueue webhooks;

    TriggerChecks(People people, Groups groups, CustomFields customFields, WebhookQueue webhooks) {
        this.people = people;
        this.groups = groups;
        this.customFields = customFields;
        this.webhooks = webhooks;
    }

    /** The whole trigger checked: its language, then the users and groups it names. */
    void check(Actor admin, Conditions conditions, List<TriggerLanguage.Written> actions) {
        TriggerLanguage.conditions(conditions);
        if (conditions.all().isEmpty() && conditions.any().isEmpty()) {
            throw RecordInvalid.field("conditions", "must hold at least one condition");
        }
        List<TriggerLanguage.Action> read = TriggerLanguage.actions(actions);
        Map<String, Long> users = new LinkedHashMap<>(TriggerLanguage.namedIds(conditions, "user"));
        Map<String, Long> staff = new LinkedHashMap<>();
        Map<String, Long> groupIds = new LinkedHashMap<>(TriggerLanguage.namedIds(conditions, "group"));
        for (int i = 0; i < read.size(); i++) {
            String place = "actions[" + i + "].value";
            TriggerLanguage.Action action = read.get(i);
            if (action instanceof TriggerLanguage.Action.Group group && group.groupId() != null) {
                groupIds.put(place, group.groupId());
            } else if (action instanceof TriggerLanguage.Action.Assignee assignee && assignee.userId() != null) {
                staff.put(place, assignee.userId());
            } else if (action instanceof TriggerLanguage.Action.NotifyUser notify && notify.userId() != null) {
                users.put(place, notify.userId());
            } else if (action instanceof TriggerLanguage.Action.NotifyGroup notify && notify.groupId() != null) {
                groupIds.put(place, notify.groupId());
            } else if (action instanceof TriggerLanguage.Action.CustomField field) {
                customFields.checkRuleValue(field.fieldId(), field.value(), place);
            } else if (action instanceof TriggerLanguage.Action.NotifyWebhook notify
                    && !webhooks.takesNotifications(notify.webhookId())) {
                throw RecordInvalid.field(
                        place,
                        "names webhook " + notify.webhookId() + ", which does not exist or does not subscribe to "
                                + "conditional_ticket_events");
            }
        }
        Map<String, Long> fieldIds = TriggerLanguage.namedCustomFields(conditions);
        Set<Long> active = customFields.activeAmong(fieldIds.values());
        fieldIds.forEach((place, id) -> {
            if (!active.contains(id)) {
                throw RecordInvalid.field(place, "names ticket field " + id + ", which is not an active field");
            }
        });
        Set<Long> all = new HashSet<>(users.values());
        all.addAll(staff.values());
        Map<Long, People.Person> found = people.people(all);
        users.forEach((place, id) -> {
            if (!found.containsKey(id)) {
                throw RecordInvalid.field(place, "names user " + id + ", who does not exist");
            }
        });
        staff.forEach((place, id) -> {
            People.Person person = found.get(id);
            if (person == null || !person.assignable()) {
                throw RecordInvalid.field(
                        place,
                        "names user " + id + ", who may not be assigned tickets (an active agent, not a light one)");
            }
        });
        Set<Long> visible = groups.visibleAmong(admin, groupIds.values());
        groupIds.forEach((place, id) -> {
            if (!visible.contains(id)) {
                throw RecordInvalid.field(place, "names group " + id + ", which does not exist");
            }
        });
    }
}

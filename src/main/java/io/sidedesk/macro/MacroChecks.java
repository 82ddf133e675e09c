package io.sidedesk.macro;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.form.CustomFields;
import io.sidedesk.web.RecordInvalid;

/**
 * A macro's actions checked whole as it is written, before anything is: its language ({@link MacroLanguage}), then
 * what it names against the directory and the ticket fields (live groups the writer may know of, active assignable
 * agents, active custom fields and values they take), each refusal a 422 naming the place. Whether the user who
 * applies it may make each change is checked again then, as the same change made by hand.
 */
@Component
class MacroChecks {

    private final People people;
    private final Groups groups;
    private final CustomFields customFields;

    MacroChecks(People people, Groups groups, CustomFields customFields) {
        this.people = people;
        this.groups = groups;
        this.customFields = customFields;
    }

    List<MacroLanguage.Action> check(Actor writer, List<MacroLanguage.Written> written) {
        List<MacroLanguage.Action> actions = MacroLanguage.actions(written);
        Map<String, Long> staff = new LinkedHashMap<>();
        Map<String, Long> groupIds = new LinkedHashMap<>();
        Map<String, Long> fieldIds = new LinkedHashMap<>();
        Map<String, MacroLanguage.Action.SideConversation> members = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            String place = "actions[" + i + "].value";
            MacroLanguage.Action action = actions.get(i);
            if (action instanceof MacroLanguage.Action.Set set
                    && set.member().equals("group_id")
                    && set.value() != null) {
                groupIds.put(place, (Long) set.value());
            } else if (action instanceof MacroLanguage.Action.Assignee assignee && assignee.userId() != null) {
                staff.put(place, assignee.userId());
            } else if (action instanceof MacroLanguage.Action.SideConversation side) {
                groupIds.put(place, side.groupId());
                if (side.agentId() != null) {
                    staff.put(place + "#agent", side.agentId());
                    members.put(place, side);
                }
            } else if (action instanceof MacroLanguage.Action.CustomField field) {
                fieldIds.put("actions[" + i + "].field", field.fieldId());
                customFields.checkRuleValue(field.fieldId(), field.value(), place);
            }
        }
        Set<Long> active = customFields.activeAmong(fieldIds.values());
        fieldIds.forEach((place, id) -> {
            if (!active.contains(id)) {
                throw RecordInvalid.field(place, "names ticket field " + id + ", which is not an active field");
            }
        });
        Map<Long, People.Person> found = people.people(new HashSet<>(staff.values()));
        staff.forEach((place, id) -> {
            People.Person person = found.get(id);
            if (person == null || !person.active() || !person.assignable()) {
                throw RecordInvalid.field(
                        place.replace("#agent", ""),
                        "names user " + id + ", who may not be assigned tickets (an active agent, not a light one)");
            }
        });
        Set<Long> visible = groups.visibleAmong(writer, groupIds.values());
        groupIds.forEach((place, id) -> {
            if (!visible.contains(id)) {
                throw RecordInvalid.field(place, "names group " + id + ", which does not exist");
            }
        });
        members.forEach((place, side) -> {
            if (!found.get(side.agentId()).groupIds().contains(side.groupId())) {
                throw RecordInvalid.field(
                        place, "names agent " + side.agentId() + ", who is not a member of group " + side.groupId());
            }
        });
        return actions;
    }
}

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
import io.sidedesk.web.RecordInvalid;

/**
 * A trigger checked whole before anything is written: its language ({@link TriggerLanguage}), then the users and
 * groups it names against the directory. The first wrong thing is a 422 naming its place.
 */
@Component
class TriggerChecks {

    private final People people;
    private final Groups groups;

    TriggerChecks(People people, Groups groups) {
        this.people = people;
        this.groups = groups;
    }

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
            }
        }
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
            if (person == null || !person.active() || !person.isStaff()) {
                throw RecordInvalid.field(place, "names user " + id + ", who is not an active agent");
            }
        });
        groupIds.forEach((place, id) -> {
            if (!groups.canSee(admin, id)) {
                throw RecordInvalid.field(place, "names group " + id + ", which does not exist");
            }
        });
    }
}

package io.sidedesk.sideconversation;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Immutable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import io.sidedesk.access.Actor;

/**
 * Someone in a side conversation, as its participants and messages name them: a person
 * ({@code {user_id, name, email}}) or support ({@code {support_group_id}}, with {@code support_agent_id} when an
 * agent of the group is addressed). No type member is written: which one it is shows in its members.
 */
sealed interface Participant permits Participant.Person, Participant.Support {

    /** A user, with the name and email the directory had for them when they took part. */
    record Person(long userId, String name, String email) implements Participant {

        /** The caller, from what authentication loaded (no query). */
        static Person of(Actor actor) {
            return new Person(actor.userId(), actor.name(), actor.email());
        }
    }

    /** Who a message is for: exactly one support group, with at most one agent of it. */
    record Support(
            long supportGroupId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long supportAgentId) implements Participant {

        /** Whether a message to {@code to} goes to this addressee: its group, or the same agent in it. */
        boolean covers(Support to) {
            return supportGroupId == to.supportGroupId
                    && (to.supportAgentId == null || to.supportAgentId.equals(supportAgentId));
        }
    }

    /** The participants column: each one read as a person or as support by the members it has. */
    @Converter
    @Immutable
    final class ListColumn extends JsonColumn<List<Participant>> {

        ListColumn() {
            super(new TypeReference<>() {});
        }

        @Override
        public List<Participant> convertToEntityAttribute(String stored) {
            if (stored == null) {
                return null;
            }
            List<Participant> all = new ArrayList<>();
            for (JsonNode participant : read(stored)) {
                all.add(
                        participant.has("support_group_id") || participant.has("support_agent_id")
                                ? convert(participant, Support.class)
                                : convert(participant, Person.class));
            }
            return List.copyOf(all);
        }
    }

    @Converter
    @Immutable
    final class PersonColumn extends JsonColumn<Person> {

        PersonColumn() {
            super(new TypeReference<>() {});
        }
    }
}

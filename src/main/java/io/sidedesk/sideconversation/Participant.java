package io.sidedesk.sideconversation;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Immutable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;

import io.sidedesk.access.Actor;

/**
 * Someone in a side conversation, as its participants and messages name them: a person
 * ({@code {user_id, name, email}}) or support ({@code {support_group_id}}, with {@code support_agent_id} when an
 * agent of the group is addressed). No type member is written: which one it is shows in its members.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(Participant.Person.class), @JsonSubTypes.Type(Participant.Support.class)})
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

        /**
         * Read token by token (every side conversation listed or written reads its participants), where Jackson's
         * deduction buffers each one to find its type first: the same values ({@code ParticipantColumnTests}).
         */
        @Override
        public List<Participant> convertToEntityAttribute(String stored) {
            if (stored == null) {
                return null;
            }
            try (JsonParser parser = parser(stored)) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IllegalStateException("participants: not a list");
                }
                List<Participant> participants = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    participants.add(read(parser));
                }
                return participants;
            }
        }

        private static Participant read(JsonParser parser) {
            Long userId = null;
            String name = null;
            String email = null;
            Long groupId = null;
            Long agentId = null;
            for (String member = parser.nextName(); member != null; member = parser.nextName()) {
                boolean none = parser.nextToken() == JsonToken.VALUE_NULL;
                switch (member) {
                    case "user_id" -> userId = none ? null : parser.getLongValue();
                    case "name" -> name = none ? null : parser.getString();
                    case "email" -> email = none ? null : parser.getString();
                    case "support_group_id" -> groupId = none ? null : parser.getLongValue();
                    case "support_agent_id" -> agentId = none ? null : parser.getLongValue();
                    default -> parser.skipChildren();
                }
            }
            if (userId != null) {
                return new Person(userId, name, email);
            }
            if (groupId != null) {
                return new Support(groupId, agentId);
            }
            throw new IllegalStateException("participants: neither a person nor support");
        }
    }

    @Converter
    @Immutable
    final class PersonColumn extends JsonColumn<Person> {

        PersonColumn() {
            super(new TypeReference<>() {});
        }

        /**
         * Written token by token (every side conversation event keeps its actor), where Jackson's writer of a type
         * with deduced subtypes costs ten times the text: the same document ({@code MessageColumnTests}).
         */
        @Override
        public String convertToDatabaseColumn(Person person) {
            return person == null ? null : written(generator -> write(generator, person));
        }

        static void write(JsonGenerator generator, Person person) {
            generator.writeStartObject();
            generator.writeNumberProperty("user_id", person.userId());
            generator.writeStringProperty("name", person.name());
            generator.writeStringProperty("email", person.email());
            generator.writeEndObject();
        }
    }
}

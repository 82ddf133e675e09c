package io.sidedesk.sideconversation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Immutable;
import tools.jackson.core.type.TypeReference;

/**
 * The message of a {@code create} or {@code reply} event, as the event keeps and shows it. A message sent here
 * keeps its plain text only; one that came from the child ticket (R8) keeps the comment's HTML too, and is to
 * nobody. Attachments are not served: always empty.
 */
record Message(
        String subject,
        String previewText,
        String body,
        @JsonInclude(JsonInclude.Include.NON_NULL) String htmlBody,
        Participant.Person from,
        List<Participant.Support> to,
        List<Object> attachments) {

    /** A message sent on the side conversation (create, reply), with its preview. */
    static Message sent(
            String subject, String previewText, String body, Participant.Person from, Participant.Support to) {
        return new Message(subject, previewText, body, null, from, List.of(to), List.of());
    }

    /** R8: a public comment of the child ticket, as a reply by its author. */
    static Message fromChild(String subject, String body, String htmlBody, Participant.Person author) {
        return new Message(subject, SideConversation.previewOf(body), body, htmlBody, author, List.of(), List.of());
    }

    @Converter
    @Immutable
    static final class Column extends JsonColumn<Message> {

        Column() {
            super(new TypeReference<>() {});
        }

        /**
         * Written token by token (every message sent or mirrored up is kept), as Jackson writes the record: the same
         * document ({@code MessageColumnTests}). Attachments are never kept; a message with some goes to Jackson.
         */
        @Override
        public String convertToDatabaseColumn(Message message) {
            if (message == null
                    || message.attachments() == null
                    || !message.attachments().isEmpty()) {
                return super.convertToDatabaseColumn(message);
            }
            return written(generator -> {
                generator.writeStartObject();
                generator.writeStringProperty("subject", message.subject());
                generator.writeStringProperty("preview_text", message.previewText());
                generator.writeStringProperty("body", message.body());
                if (message.htmlBody() != null) {
                    generator.writeStringProperty("html_body", message.htmlBody());
                }
                generator.writeName("from");
                if (message.from() == null) {
                    generator.writeNull();
                } else {
                    Participant.PersonColumn.write(generator, message.from());
                }
                generator.writeName("to");
                if (message.to() == null) {
                    generator.writeNull();
                } else {
                    generator.writeStartArray();
                    for (Participant.Support to : message.to()) {
                        if (to == null) {
                            generator.writeNull();
                            continue;
                        }
                        generator.writeStartObject();
                        generator.writeNumberProperty("support_group_id", to.supportGroupId());
                        if (to.supportAgentId() != null) {
                            generator.writeNumberProperty("support_agent_id", to.supportAgentId());
                        }
                        generator.writeEndObject();
                    }
                    generator.writeEndArray();
                }
                generator.writeName("attachments");
                generator.writeStartArray();
                generator.writeEndArray();
                generator.writeEndObject();
            });
        }
    }
}

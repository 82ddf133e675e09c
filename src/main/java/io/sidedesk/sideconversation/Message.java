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
    }
}

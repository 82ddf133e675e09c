package io.sidedesk.sideconversation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actor and message columns write token by token (issue 26): the same document as Jackson's writer of the
 * records (the base column's), for random values with every member present, absent or null, and text that needs
 * escaping; and what they write reads back as it was.
 */
class MessageColumnTests {

    private static final JsonMapper TREES = JsonMapper.builder().build();

    private static final String[] TEXTS = {
        "",
        "Ann Agent",
        "quote \" backslash \\ slash /",
        "line\nbreak\ttab\r",
        "\u0000\u001f control",
        "Ünïcödé ✓ 日本語",
        "emoji \uD83D\uDE00 pair",
        "<p>html &amp; entities</p>",
        "x".repeat(5000)
    };

    private final Random random = new Random(26);

    private final Participant.PersonColumn actors = new Participant.PersonColumn();
    private final Message.Column messages = new Message.Column();
    private final JsonColumn<Participant.Person> jacksonActors =
            new JsonColumn<Participant.Person>(new TypeReference<Participant.Person>() {}) {};
    private final JsonColumn<Message> jacksonMessages = new JsonColumn<Message>(new TypeReference<Message>() {}) {};

    @Test
    void anActorIsWrittenAsJacksonWritesItAndReadsBack() {
        for (int i = 0; i < 2000; i++) {
            Participant.Person actor = person();
            String written = actors.convertToDatabaseColumn(actor);
            assertThat(TREES.readTree(written))
                    .as(written)
                    .isEqualTo(TREES.readTree(jacksonActors.convertToDatabaseColumn(actor)));
            assertThat(actors.convertToEntityAttribute(written)).isEqualTo(actor);
        }
        assertThat(actors.convertToDatabaseColumn(null)).isNull();
    }

    @Test
    void aMessageIsWrittenAsJacksonWritesItAndReadsBack() {
        for (int i = 0; i < 2000; i++) {
            Message message = new Message(
                    text(), text(), text(), text(), random.nextInt(5) == 0 ? null : person(), addressees(), List.of());
            String written = messages.convertToDatabaseColumn(message);
            assertThat(TREES.readTree(written))
                    .as(written)
                    .isEqualTo(TREES.readTree(jacksonMessages.convertToDatabaseColumn(message)));
            assertThat(messages.convertToEntityAttribute(written)).isEqualTo(message);
        }
        Message sent = Message.sent("Subject", "Preview", "Body", person(), new Participant.Support(3, null));
        assertThat(TREES.readTree(messages.convertToDatabaseColumn(sent)))
                .isEqualTo(TREES.readTree(jacksonMessages.convertToDatabaseColumn(sent)));
        assertThat(messages.convertToDatabaseColumn(null)).isNull();
    }

    @Test
    void aMessageWithAttachmentsOrWithoutTheirListIsLeftToJackson() {
        for (List<Object> attachments : Arrays.asList(null, List.<Object>of("a.txt"))) {
            Message message = new Message("s", "p", "b", null, person(), List.of(), attachments);
            assertThat(messages.convertToDatabaseColumn(message))
                    .isEqualTo(jacksonMessages.convertToDatabaseColumn(message));
        }
    }

    private Participant.Person person() {
        return new Participant.Person(random.nextLong(), text(), text());
    }

    private List<Participant.Support> addressees() {
        if (random.nextInt(6) == 0) {
            return null;
        }
        List<Participant.Support> to = new ArrayList<>();
        if (random.nextInt(10) == 0) {
            to.add(null); // never made so, but written as Jackson writes it
        }
        for (int n = random.nextInt(3); n > 0; n--) {
            to.add(new Participant.Support(
                    random.nextLong(), random.nextBoolean() ? null : random.nextLong(Long.MAX_VALUE)));
        }
        return to;
    }

    private String text() {
        int pick = random.nextInt(TEXTS.length + 2);
        if (pick == TEXTS.length) {
            return null;
        }
        if (pick == TEXTS.length + 1) {
            StringBuilder any = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                any.append((char) random.nextInt(0xD800));
            }
            return any.toString();
        }
        return TEXTS[pick];
    }
}

package io.sidedesk.sideconversation;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The participants column reads token by token (issue 26): the same participants as Jackson's deduction of their
 * type by their members, and what it writes reads back as it was.
 */
class ParticipantColumnTests {

    private static final JsonMapper DEDUCTION = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final Participant.ListColumn column = new Participant.ListColumn();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "[{\"user_id\": 7, \"name\": \"Ann Agent\", \"email\": \"ann@example.com\"}]",
                "[{\"support_group_id\": 3}]",
                "[{\"support_group_id\": 3, \"support_agent_id\": 9}]",
                "[{\"support_group_id\": 3, \"support_agent_id\": null}]",
                "[{\"user_id\": 7, \"name\": null, \"email\": \"ann@example.com\"}, {\"support_group_id\": 3}]",
                "[{\"email\": \"bo@example.com\", \"user_id\": 8, \"name\": \"Bo \\\"B\\\" Ünïcode\"},"
                        + " {\"support_agent_id\": 2, \"support_group_id\": 1}]"
            })
    void readsWhatTheDeductionReads(String stored) {
        List<Participant> deduced = DEDUCTION.readValue(stored, new TypeReference<List<Participant>>() {});

        List<Participant> read = column.convertToEntityAttribute(stored);

        assertThat(read).isEqualTo(deduced);
        assertThat(column.convertToEntityAttribute(column.convertToDatabaseColumn(read)))
                .isEqualTo(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[{\"name\": \"nobody\"}]"})
    void refusesWhatIsNeitherAPersonNorSupport(String stored) {
        assertThatThrownBy(() -> column.convertToEntityAttribute(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullStaysNull() {
        assertThat(column.convertToEntityAttribute(null)).isNull();
    }
}

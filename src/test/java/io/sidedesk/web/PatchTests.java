package io.sidedesk.web;

import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A partial update's member in its three states, as Jackson reads it and Bean Validation checks it. */
class PatchTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    static class Fields {

        public Patch<Long> groupId = Patch.absent();

        @Size(max = 3)
        public Patch<String> externalId = Patch.absent();
    }

    @Test
    void aMemberLeftOutIsAbsentNullIsClearedAValueIsSet() {
        Fields fields = JSON.readValue("{\"group_id\": null, \"external_id\": \"abc\"}", Fields.class);
        Fields none = JSON.readValue("{}", Fields.class);

        assertThat(fields.groupId).isEqualTo(Patch.cleared());
        assertThat(fields.externalId).isEqualTo(Patch.of("abc"));
        assertThat(none.groupId).isEqualTo(Patch.absent());
        assertThat(none.groupId.isSent()).isFalse();
        assertThat(fields.groupId.isSent()).isTrue();
    }

    @Test
    void theValueIsReadAsItsOwnType() {
        assertThat(JSON.readValue("{\"group_id\": 12}", Fields.class).groupId.value())
                .isEqualTo(12L);
        assertThatThrownBy(() -> JSON.readValue("{\"group_id\": \"twelve\"}", Fields.class))
                .isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("group_id");
    }

    @Test
    void orElseAndChangesCompareWithTheCurrentValue() {
        assertThat(Patch.<Long>absent().orElse(5L)).isEqualTo(5L);
        assertThat(Patch.<Long>cleared().orElse(5L)).isNull();
        assertThat(Patch.of(6L).orElse(5L)).isEqualTo(6L);
        assertThat(Patch.<Long>absent().changes(5L)).isFalse();
        assertThat(Patch.of(5L).changes(5L)).isFalse();
        assertThat(Patch.<Long>cleared().changes(5L)).isTrue();
    }

    @Test
    void constraintsOnTheMemberCheckItsValue() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        Fields fields = new Fields();
        fields.externalId = Patch.of("abcd");

        Set<?> violations = validator.validate(fields);
        fields.externalId = Patch.cleared();

        assertThat(violations).hasSize(1);
        assertThat(validator.validate(fields)).isEmpty();
    }
}

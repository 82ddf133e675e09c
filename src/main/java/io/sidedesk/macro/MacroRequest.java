package io.sidedesk.macro;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.directory.RestrictedRules;
import io.sidedesk.directory.Restriction;
import io.sidedesk.web.Patch;

/** Request bodies of {@code /api/v2/macros}; on update only the members sent change. */
final class MacroRequest {

    private MacroRequest() {}

    /** {@code {"macro": {...}}}. */
    record One(@Valid @NotNull(message = "is required") Fields macro) {}

    record Fields(
            @Size(max = 255, message = "must be at most 255 characters")
            String title,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            Boolean active,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = Macros.MAX_MACROS, message = "must be at most " + Macros.MAX_MACROS)
            Integer position,

            @Schema(
                    implementation = Restriction.Written.class,
                    nullable = true,
                    description = "Who may use it: null for every agent")
            @Valid
            Patch<Restriction.Written> restriction,

            List<MacroLanguage.Written> actions) {

        Fields {
            // Left out (as Jackson reads a record's absent member, or a body built in code): unchanged.
            restriction = restriction == null ? Patch.absent() : restriction;
        }

        RestrictedRules.Members members() {
            return new RestrictedRules.Members(title, description, active, position, restriction);
        }
    }

    /** {@code {"macros": [{id, position, active}]}}. */
    record Many(
            @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must hold 1 to 100 macros")
            List<@Valid @NotNull(message = "cannot be null") Change> macros) {

        List<RestrictedRules.Change> changes() {
            return macros.stream()
                    .map(change -> new RestrictedRules.Change(change.id(), change.position(), change.active()))
                    .toList();
        }
    }

    record Change(
            @NotNull(message = "is required") Long id,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = Macros.MAX_MACROS, message = "must be at most " + Macros.MAX_MACROS)
            Integer position,

            Boolean active) {}
}

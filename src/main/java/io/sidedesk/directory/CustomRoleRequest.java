package io.sidedesk.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.sidedesk.access.MacroAccess;
import io.sidedesk.access.TicketAccess;

/** {@code {"custom_role": {...}}} for create and update; on update only the fields sent change. */
record CustomRoleRequest(
        @Valid @NotNull(message = "is required") Fields customRole) {

    record Fields(
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            String name,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            @Min(value = 0, message = "must be 0 (custom agent) or 1 (light agent)")
            @Max(value = 1, message = "must be 0 (custom agent) or 1 (light agent)")
            Integer roleType,

            @Valid Configuration configuration) {}

    record Configuration(
            Boolean sideConversationCreate,
            TicketAccess ticketAccess,

            @Pattern(regexp = "public|none", message = "must be public or none")
            String ticketCommentAccess,

            Boolean assignTicketsToAnyGroup,
            MacroAccess macroAccess) {

        CustomRole.Configuration toConfiguration() {
            return new CustomRole.Configuration(
                    sideConversationCreate, ticketAccess, ticketCommentAccess, assignTicketsToAnyGroup, macroAccess);
        }
    }
}

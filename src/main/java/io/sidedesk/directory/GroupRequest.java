package io.sidedesk.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code {"group": {...}}} for create and update; on update only the fields sent change. */
record GroupRequest(@Valid @NotNull(message = "is required") Fields group) {

    record Fields(
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            String name,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            Boolean isPublic,
            @JsonProperty("default") Boolean defaultGroup) {}
}

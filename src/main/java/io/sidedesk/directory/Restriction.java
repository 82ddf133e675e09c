package io.sidedesk.directory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

import io.sidedesk.web.RecordInvalid;

/**
 * Who may use a rule (a macro, a view): everyone ({@code type} null, no ids), the members of any of the groups
 * ({@link #GROUP}), or one user ({@link #USER}).
 */
public record Restriction(String type, List<Long> ids) {

    public static final String GROUP = "Group";

    public static final String USER = "User";

    public static final Restriction EVERYONE = new Restriction(null, List.of());

    public Restriction {
        ids = List.copyOf(ids);
    }

    public static Restriction user(long id) {
        return new Restriction(USER, List.of(id));
    }

    public boolean isPersonal() {
        return USER.equals(type);
    }

    /** Read from a request ({@code null}: everyone); a 422 naming what is wrong. */
    public static Restriction of(Written given) {
        if (given == null) {
            return EVERYONE;
        }
        if (USER.equals(given.type())) {
            if (given.id() == null) {
                throw RecordInvalid.field("restriction.id", "is required: the user who may use it");
            }
            return user(given.id());
        }
        if (GROUP.equals(given.type())) {
            Set<Long> ids = new LinkedHashSet<>();
            if (given.ids() != null) {
                given.ids().stream().filter(Objects::nonNull).forEach(ids::add);
            }
            if (given.id() != null) {
                ids.add(given.id());
            }
            if (ids.isEmpty()) {
                throw RecordInvalid.field("restriction.ids", "must name at least one group");
            }
            return new Restriction(GROUP, List.copyOf(ids));
        }
        throw RecordInvalid.field("restriction.type", "must be Group or User (or send restriction null)");
    }

    /** As a request writes it: {@code {"type": "Group", "ids": [...]}} (or {@code "id"}), or {@code {"type": "User", "id"}}. */
    @Schema(name = "RuleRestriction")
    public record Written(
            @Schema(allowableValues = {"Group", "User"}) String type,
            Long id,

            @Size(max = 50, message = "can name at most 50 groups")
            List<Long> ids) {}

    /**
     * As the API shows it to a reader: {@code {"type", "id": <first>, "ids"}}; a group restriction names only the
     * groups the reader may know of (R22: a private group they are not in does not exist for them).
     */
    @Schema(name = "RuleRestrictionView")
    public record View(
            @Schema(allowableValues = {"Group", "User"}) String type, long id, List<Long> ids) {

        /** Null for everyone. */
        public static View of(Restriction restriction, Set<Long> hiddenGroups) {
            if (restriction.type() == null) {
                return null;
            }
            List<Long> ids = restriction.ids().stream()
                    .filter(id -> !GROUP.equals(restriction.type()) || !hiddenGroups.contains(id))
                    .toList();
            return new View(restriction.type(), ids.isEmpty() ? 0 : ids.get(0), ids);
        }
    }
}

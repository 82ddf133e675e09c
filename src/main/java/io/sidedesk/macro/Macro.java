package io.sidedesk.macro;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.web.PositionedRule;

/**
 * A macro: its actions kept as JSON, as the API gives them once checked ({@link MacroLanguage}), and who may use it:
 * everyone ({@code restrictionType} null), the members of any of the groups {@code restrictionIds}, or one user.
 */
@Entity
@Table(name = "macros")
class Macro extends PositionedRule {

    static final String GROUP = "Group";

    static final String USER = "User";

    private boolean active;

    private String restrictionType;

    private Long[] restrictionIds;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String actions;

    protected Macro() {}

    Macro(String title, int position, String actions, Instant now) {
        super(title, position, now);
        this.active = true;
        this.actions = actions;
        this.restrictionIds = new Long[0];
    }

    void activate(boolean active) {
        this.active = active;
    }

    /** {@code type} null: everyone; else {@link #GROUP} or {@link #USER} with its ids. */
    void restrict(String type, List<Long> ids) {
        this.restrictionType = type;
        this.restrictionIds = type == null ? new Long[0] : ids.toArray(Long[]::new);
    }

    void replaceActions(String actions) {
        this.actions = actions;
    }

    boolean isActive() {
        return active;
    }

    String getRestrictionType() {
        return restrictionType;
    }

    List<Long> getRestrictionIds() {
        return List.of(restrictionIds);
    }

    String getActions() {
        return actions;
    }

    /** The category: the title up to its first {@code ::}, when it has one. */
    String category() {
        int end = getTitle().indexOf("::");
        return end < 0 ? null : getTitle().substring(0, end).strip();
    }
}

package io.sidedesk.macro;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.directory.RestrictedRule;

/**
 * A macro: its actions kept as JSON, as the API gives them once checked ({@link MacroLanguage}), and who may use it:
 * a {@link io.sidedesk.directory.Restriction}.
 */
@Entity
@Table(name = "macros")
class Macro extends RestrictedRule {

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String actions;

    protected Macro() {}

    Macro(String title, int position, String actions, Instant now) {
        super(title, position, now);
        this.actions = actions;
    }

    void replaceActions(String actions) {
        this.actions = actions;
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

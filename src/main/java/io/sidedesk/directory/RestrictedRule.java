package io.sidedesk.directory;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.MappedSuperclass;

import io.sidedesk.web.PositionedRule;

/**
 * A rule people use by hand (macros, views), with who may use it: everyone ({@code restrictionType} null), the
 * members of any of the groups {@code restrictionIds}, or one user ({@link Restriction}). Active or not.
 */
@MappedSuperclass
public abstract class RestrictedRule extends PositionedRule {

    private boolean active;

    private String restrictionType;

    private Long[] restrictionIds;

    protected RestrictedRule() {}

    protected RestrictedRule(String title, int position, Instant now) {
        super(title, position, now);
        this.active = true;
        this.restrictionIds = new Long[0];
    }

    public void activate(boolean active) {
        this.active = active;
    }

    public void restrict(Restriction restriction) {
        this.restrictionType = restriction.type();
        this.restrictionIds = restriction.ids().toArray(Long[]::new);
    }

    public boolean isActive() {
        return active;
    }

    public Restriction restriction() {
        return new Restriction(restrictionType, List.of(restrictionIds));
    }
}

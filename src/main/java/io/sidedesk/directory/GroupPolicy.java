package io.sidedesk.directory;

import io.sidedesk.access.Actor;

/**
 * Which groups a caller sees, and which they may assign tickets to or address side conversations to (R2, R3,
 * R17), one named rule per method, free of Spring and of the database: {@link Groups} applies them in SQL.
 */
public final class GroupPolicy {

    private GroupPolicy() {}

    /** A set of groups, by what a group must be for the caller: any, public or theirs, theirs, or none. */
    public enum Reach {
        ALL,
        PUBLIC_OR_MEMBER,
        MEMBER_OF,
        NONE;

        /** Whether a group where the caller stands so is in reach. */
        public boolean includes(Standing standing) {
            return includes(standing.isPublic(), standing.member());
        }

        /** Whether a group that is public (or not), and that the caller belongs to (or not), is in reach. */
        public boolean includes(boolean isPublic, boolean member) {
            return switch (this) {
                case ALL -> true;
                case PUBLIC_OR_MEMBER -> isPublic || member;
                case MEMBER_OF -> member;
                case NONE -> false;
            };
        }
    }

    /** Where a user stands with a group: whether it is public, and whether they belong to it. */
    public record Standing(boolean isPublic, boolean member) {}

    /** Admins see every group; others the public groups and the private groups they belong to. */
    public static Reach visibility(Actor actor) {
        return actor.isAdmin() ? Reach.ALL : Reach.PUBLIC_OR_MEMBER;
    }

    /**
     * Admins assign to any group; agents to their own groups, and to every group they see if their role may
     * assign to any group; light agents and end-users to none.
     */
    public static Reach assignment(Actor actor) {
        if (actor.isAdmin()) {
            return Reach.ALL;
        }
        if (actor.isLightAgent() || actor.isEndUser()) {
            return Reach.NONE;
        }
        return actor.permissions().assignToAnyGroup() ? visibility(actor) : Reach.MEMBER_OF;
    }
}

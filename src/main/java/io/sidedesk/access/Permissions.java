package io.sidedesk.access;

/**
 * What a caller's role lets them do, resolved once per request from their role and custom role.
 *
 * @param roleType             the dialect's read-only {@code role_type}: 4 admin, 1 light agent, 0 other agents,
 *                             null for end-users
 * @param ticketAccess         which tickets they may see; null for end-users (they see their own only)
 * @param publicComments       may add public comments
 * @param sideConversations    may create and send side conversations
 * @param assignToAnyGroup     may assign to (or address) public groups they do not belong to
 * @param assignable           may be the assignee of a ticket
 * @param macroAccess          which macros they may write (any staff may use those available to them); null for
 *                             end-users
 */
public record Permissions(
        Integer roleType,
        TicketAccess ticketAccess,
        boolean publicComments,
        boolean sideConversations,
        boolean assignToAnyGroup,
        boolean assignable,
        MacroAccess macroAccess) {

    public static final int LIGHT_AGENT = 1;

    public static final int CUSTOM_AGENT = 0;

    public static final int ADMIN = 4;

    public static Permissions admin() {
        return new Permissions(ADMIN, TicketAccess.ALL, true, true, true, true, MacroAccess.FULL);
    }

    /** An agent without a custom role: sees all tickets, comments publicly, may assign to any public group. */
    public static Permissions agent() {
        return new Permissions(CUSTOM_AGENT, TicketAccess.ALL, true, true, true, true, MacroAccess.MANAGE_PERSONAL);
    }

    public static Permissions endUser() {
        return new Permissions(null, null, true, false, false, false, null);
    }

    /**
     * A light agent (R3): sees the tickets its role's {@code ticket_access} shows; whatever else the role's
     * configuration says, comments privately only, never sends side conversations, never assigns or is assigned,
     * never writes macros.
     */
    public static Permissions lightAgent(TicketAccess ticketAccess) {
        return new Permissions(LIGHT_AGENT, ticketAccess, false, false, false, false, MacroAccess.READONLY);
    }

    /** An agent with a custom role of the given configuration. */
    public static Permissions customRole(
            int roleType,
            TicketAccess ticketAccess,
            boolean publicComments,
            boolean sideConversations,
            boolean assignToAnyGroup,
            MacroAccess macroAccess) {
        if (roleType == LIGHT_AGENT) {
            return lightAgent(ticketAccess);
        }
        return new Permissions(
                CUSTOM_AGENT, ticketAccess, publicComments, sideConversations, assignToAnyGroup, true, macroAccess);
    }

    public boolean lightAgentRole() {
        return roleType != null && roleType == LIGHT_AGENT;
    }
}

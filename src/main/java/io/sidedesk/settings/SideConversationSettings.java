package io.sidedesk.settings;

import java.util.Set;

/**
 * The account's side conversation switches, as {@code settings.side_conversations} shows them.
 *
 * @param ticketsChannel               child tickets are on (R1); off by default
 * @param emailChannel                 email side conversations; always off until they exist
 * @param childTicketCommentType       how replies reach the child ticket (R7)
 * @param childTicketStatusUpdates     solving or reopening the child closes or reopens the side conversation (R11)
 * @param childTicketDefaultCopyFields parent fields always copied to a new child ticket (R6)
 * @param parentSolveRequiresChildrenSolved a parent cannot be solved while a linked child is unsolved (B1)
 * @param solveChildrenWithParent           solving a parent solves its linked children (B1)
 * @param reopenParentWhenChildReopens      a linked child reopening reopens its solved parent (B1)
 * @param notifyParentAssigneeWhenChildrenDone the parent's assignee is told when its last linked child is done (B1)
 */
public record SideConversationSettings(
        boolean ticketsChannel,
        boolean emailChannel,
        CommentType childTicketCommentType,
        boolean childTicketStatusUpdates,
        Set<CopyField> childTicketDefaultCopyFields,
        boolean parentSolveRequiresChildrenSolved,
        boolean solveChildrenWithParent,
        boolean reopenParentWhenChildReopens,
        boolean notifyParentAssigneeWhenChildrenDone) {

    /** Whether any roll-up policy is on (B1): with none, a write needs no roll-up work. */
    public boolean anyRollUp() {
        return parentSolveRequiresChildrenSolved
                || solveChildrenWithParent
                || reopenParentWhenChildReopens
                || notifyParentAssigneeWhenChildrenDone;
    }
}

package io.sidedesk.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The account's settings: one row. */
@Entity
@Table(name = "account_settings")
class AccountSettings {

    static final short ID = 1;

    @Id
    private Short id;

    private boolean ticketsChannel;

    private boolean emailChannel;

    private String childTicketCommentType;

    private boolean childTicketStatusUpdates;

    private String[] childTicketDefaultCopyFields;

    private boolean parentSolveRequiresChildrenSolved;

    private boolean solveChildrenWithParent;

    private boolean reopenParentWhenChildReopens;

    private boolean notifyParentAssigneeWhenChildrenDone;

    private boolean routingEnabled;

    private String routingAssignmentMethod;

    private String routingTag;

    private boolean routingCountPendingAndOnHold;

    private boolean routingReassignWhenOffline;

    private boolean routingReassignWhenAway;

    private int routingReassignDelaySeconds;

    private boolean routingReassignReopened;

    private int routingSecondaryGroupWaitSeconds;

    private Instant updatedAt;

    protected AccountSettings() {}

    /** The row as a statement read it (no entity: the kept configuration reads the database, never a session's copy). */
    static AccountSettings read(ResultSet row) throws SQLException {
        AccountSettings settings = new AccountSettings();
        settings.id = row.getShort("id");
        settings.ticketsChannel = row.getBoolean("tickets_channel");
        settings.emailChannel = row.getBoolean("email_channel");
        settings.childTicketCommentType = row.getString("child_ticket_comment_type");
        settings.childTicketStatusUpdates = row.getBoolean("child_ticket_status_updates");
        settings.childTicketDefaultCopyFields =
                (String[]) row.getArray("child_ticket_default_copy_fields").getArray();
        settings.parentSolveRequiresChildrenSolved = row.getBoolean("parent_solve_requires_children_solved");
        settings.solveChildrenWithParent = row.getBoolean("solve_children_with_parent");
        settings.reopenParentWhenChildReopens = row.getBoolean("reopen_parent_when_child_reopens");
        settings.notifyParentAssigneeWhenChildrenDone = row.getBoolean("notify_parent_assignee_when_children_done");
        settings.routingEnabled = row.getBoolean("routing_enabled");
        settings.routingAssignmentMethod = row.getString("routing_assignment_method");
        settings.routingTag = row.getString("routing_tag");
        settings.routingCountPendingAndOnHold = row.getBoolean("routing_count_pending_and_on_hold");
        settings.routingReassignWhenOffline = row.getBoolean("routing_reassign_when_offline");
        settings.routingReassignWhenAway = row.getBoolean("routing_reassign_when_away");
        settings.routingReassignDelaySeconds = row.getInt("routing_reassign_delay_seconds");
        settings.routingReassignReopened = row.getBoolean("routing_reassign_reopened");
        settings.routingSecondaryGroupWaitSeconds = row.getInt("routing_secondary_group_wait_seconds");
        return settings;
    }

    SideConversationSettings sideConversations() {
        Set<CopyField> copyFields = EnumSet.noneOf(CopyField.class);
        Arrays.stream(childTicketDefaultCopyFields).map(CopyField::of).forEach(copyFields::add);
        return new SideConversationSettings(
                ticketsChannel,
                emailChannel,
                CommentType.of(childTicketCommentType),
                childTicketStatusUpdates,
                java.util.Collections.unmodifiableSet(copyFields),
                parentSolveRequiresChildrenSolved,
                solveChildrenWithParent,
                reopenParentWhenChildReopens,
                notifyParentAssigneeWhenChildrenDone);
    }

    RoutingSettings routing() {
        return new RoutingSettings(
                routingEnabled,
                AssignmentMethod.of(routingAssignmentMethod),
                routingTag,
                routingCountPendingAndOnHold,
                routingReassignWhenOffline,
                routingReassignWhenAway,
                routingReassignDelaySeconds,
                routingReassignReopened,
                routingSecondaryGroupWaitSeconds);
    }

    void change(RoutingSettings routing) {
        this.routingEnabled = routing.enabled();
        this.routingAssignmentMethod = routing.assignmentMethod().value();
        this.routingTag = routing.routingTag();
        this.routingCountPendingAndOnHold = routing.countPendingAndOnHold();
        this.routingReassignWhenOffline = routing.reassignWhenOffline();
        this.routingReassignWhenAway = routing.reassignWhenAway();
        this.routingReassignDelaySeconds = routing.reassignDelaySeconds();
        this.routingReassignReopened = routing.reassignReopened();
        this.routingSecondaryGroupWaitSeconds = routing.secondaryGroupWaitSeconds();
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    void change(SideConversationSettings settings) {
        this.ticketsChannel = settings.ticketsChannel();
        this.emailChannel = settings.emailChannel();
        this.childTicketCommentType = settings.childTicketCommentType().value();
        this.childTicketStatusUpdates = settings.childTicketStatusUpdates();
        this.childTicketDefaultCopyFields = settings.childTicketDefaultCopyFields().stream()
                .sorted()
                .map(CopyField::value)
                .toArray(String[]::new);
        this.parentSolveRequiresChildrenSolved = settings.parentSolveRequiresChildrenSolved();
        this.solveChildrenWithParent = settings.solveChildrenWithParent();
        this.reopenParentWhenChildReopens = settings.reopenParentWhenChildReopens();
        this.notifyParentAssigneeWhenChildrenDone = settings.notifyParentAssigneeWhenChildrenDone();
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}

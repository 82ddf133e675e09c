package io.sidedesk.settings;

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

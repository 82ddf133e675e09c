package io.sidedesk.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;

@RestController
@RequestMapping("/api/v2/notifications")
@Tag(name = OpenApiConfiguration.NOTIFICATIONS)
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @ListOf(value = "notifications", of = NotificationView.class)
    @Operation(
            operationId = "listNotifications",
            summary = "List email notifications, newest first (admins); filter by ticket_id or state",
            description = "Sidedesk's own endpoint: each email queued for a recipient and where its delivery stands "
                    + "(`pending`, `sent`, `failed` after the last attempt, `not_sent` while no mail server is "
                    + "configured), with its attempts and last error. A ticket that does not exist has none.")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @Parameter(description = "Only the notifications about this ticket")
                    @RequestParam(name = "ticket_id", required = false)
                    Long ticketId,
            @Parameter(description = "Only the notifications in this state") @RequestParam(required = false)
                    NotificationState state,
            Paging paging) {
        return notifications.list(actor, ticketId, state, paging).body("notifications");
    }
}

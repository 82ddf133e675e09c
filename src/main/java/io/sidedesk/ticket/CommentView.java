package io.sidedesk.ticket;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A comment as {@code GET /tickets/{id}/comments} shows it. */
@Schema(name = "Comment")
record CommentView(
        long id,
        @Schema(allowableValues = "Comment") String type,
        long authorId,
        String body,
        String htmlBody,
        String plainBody,
        @JsonProperty("public") boolean isPublic,
        List<Object> attachments,
        long auditId,
        TicketView.Via via,
        Instant createdAt) {

    static CommentView of(Comment comment) {
        return new CommentView(
                comment.getId(),
                "Comment",
                comment.getAuthorId(),
                comment.getBody(),
                comment.getHtmlBody(),
                comment.getBody(),
                comment.isPublic(),
                List.of(),
                comment.getAuditId(),
                new TicketView.Via(comment.getViaChannel(), TicketView.Via.NO_SOURCE),
                comment.getCreatedAt());
    }
}

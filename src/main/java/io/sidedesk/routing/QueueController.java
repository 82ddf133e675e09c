package io.sidedesk.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/queues")
@Tag(name = OpenApiConfiguration.ROUTING)
class QueueController {

    private final Queues queues;

    QueueController(Queues queues) {
        this.queues = queues;
    }

    @GetMapping
    @Operation(
            operationId = "listQueues",
            summary = "Custom routing queues, in the order tickets are matched against them (at most 100)")
    QueueView.Many list(@AuthenticationPrincipal Actor actor) {
        return queues.list(actor);
    }

    @GetMapping("/definitions")
    @Operation(
            operationId = "listQueueDefinitions",
            summary = "The conditions queues understand (a view's, without current_user and current_groups)")
    QueueView.Definitions.One definitions(@AuthenticationPrincipal Actor actor) {
        return Queues.definitions(actor);
    }

    @GetMapping("/{queue_id}")
    @Operation(operationId = "showQueue", summary = "Show a custom routing queue")
    QueueView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("queue_id") long id) {
        return new QueueView.One(queues.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"queue\": {\"name\": \"Urgent billing\", \"priority\": 1, \"definition\": {\"all\": "
                    + "[{\"field\": \"priority\", \"operator\": \"is\", \"value\": \"urgent\"}]}, "
                    + "\"primary_groups\": [2], \"secondary_groups\": [3]}}",
            required = {"queue.name", "queue.primary_groups"})
    @Operation(
            operationId = "createQueue",
            summary = "Create a custom routing queue (admins): it goes last in the order")
    QueueView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody QueueRequest request) {
        return new QueueView.One(queues.create(actor, request.queue()));
    }

    @PutMapping("/{queue_id}")
    @RequestDoc(example = "{\"queue\": {\"priority\": 2}}")
    @Operation(operationId = "updateQueue", summary = "Change a custom routing queue (admins)")
    QueueView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("queue_id") long id,
            @Valid @RequestBody QueueRequest request) {
        return new QueueView.One(queues.update(actor, id, request.queue()));
    }

    @DeleteMapping("/{queue_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteQueue",
            summary = "Delete a custom routing queue (admins): its tickets are matched again")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("queue_id") long id) {
        queues.delete(actor, id);
    }

    @PatchMapping("/order")
    @RequestDoc(
            example = "{\"queue_ids\": [\"3\", \"1\", \"2\"]}",
            required = {"queue_ids"})
    @Operation(
            operationId = "reorderQueues",
            summary = "Put the queues in a new order (admins): every queue, each once")
    QueueView.Many reorder(@AuthenticationPrincipal Actor actor, @Valid @RequestBody QueueRequest.Order order) {
        return queues.reorder(actor, order);
    }
}

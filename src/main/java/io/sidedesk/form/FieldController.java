package io.sidedesk.form;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@Tag(name = OpenApiConfiguration.FIELDS)
class FieldController {

    private final FieldsAndForms fieldsAndForms;

    FieldController(FieldsAndForms fieldsAndForms) {
        this.fieldsAndForms = fieldsAndForms;
    }

    @GetMapping("/api/v2/ticket_fields")
    @ListOf(value = "ticket_fields", of = FieldViews.FieldView.class)
    @Operation(operationId = "listTicketFields", summary = "List custom ticket fields (agents and admins)")
    ListPage.Body fields(@AuthenticationPrincipal Actor actor, Paging paging) {
        return fieldsAndForms.listFields(actor, paging).body("ticket_fields");
    }

    @GetMapping("/api/v2/ticket_fields/{ticket_field_id}")
    @Operation(operationId = "showTicketField", summary = "Show a custom ticket field")
    FieldViews.OneField field(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_field_id") long id) {
        return new FieldViews.OneField(fieldsAndForms.showField(actor, id));
    }

    @PostMapping("/api/v2/ticket_fields")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"ticket_field\": {\"type\": \"text\", \"title\": \"Order number\"}}",
            required = {"ticket_field.type", "ticket_field.title"})
    @Operation(
            operationId = "createTicketField",
            summary = "Create a custom ticket field (admins): text, textarea, checkbox, integer, decimal, date, tagger")
    FieldViews.OneField createField(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody FieldRequests.FieldBody body) {
        return new FieldViews.OneField(fieldsAndForms.createField(actor, body.ticketField()));
    }

    @PutMapping("/api/v2/ticket_fields/{ticket_field_id}")
    @RequestDoc(example = "{\"ticket_field\": {\"description\": \"The order the customer writes about\"}}")
    @Operation(
            operationId = "updateTicketField",
            summary = "Update a custom ticket field (admins); set active: false to retire it")
    FieldViews.OneField updateField(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_field_id") long id,
            @Valid @RequestBody FieldRequests.FieldBody body) {
        return new FieldViews.OneField(fieldsAndForms.updateField(actor, id, body.ticketField()));
    }

    @GetMapping("/api/v2/ticket_forms")
    @ListOf(value = "ticket_forms", of = FieldViews.FormView.class)
    @Operation(operationId = "listTicketForms", summary = "List ticket forms (agents and admins)")
    ListPage.Body forms(@AuthenticationPrincipal Actor actor, Paging paging) {
        return fieldsAndForms.listForms(actor, paging).body("ticket_forms");
    }

    @GetMapping("/api/v2/ticket_forms/{ticket_form_id}")
    @Operation(operationId = "showTicketForm", summary = "Show a ticket form")
    FieldViews.OneForm form(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_form_id") long id) {
        return new FieldViews.OneForm(fieldsAndForms.showForm(actor, id));
    }

    @PostMapping("/api/v2/ticket_forms")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"ticket_form\": {\"name\": \"Refund request\", \"ticket_field_ids\": []}}",
            required = {"ticket_form.name"})
    @Operation(operationId = "createTicketForm", summary = "Create a ticket form (admins)")
    FieldViews.OneForm createForm(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody FieldRequests.FormBody body) {
        return new FieldViews.OneForm(fieldsAndForms.createForm(actor, body.ticketForm()));
    }

    @PutMapping("/api/v2/ticket_forms/{ticket_form_id}")
    @RequestDoc(example = "{\"ticket_form\": {\"name\": \"Refund or chargeback\"}}")
    @Operation(
            operationId = "updateTicketForm",
            summary = "Update a ticket form (admins); set active: false to retire it")
    FieldViews.OneForm updateForm(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_form_id") long id,
            @Valid @RequestBody FieldRequests.FormBody body) {
        return new FieldViews.OneForm(fieldsAndForms.updateForm(actor, id, body.ticketForm()));
    }
}

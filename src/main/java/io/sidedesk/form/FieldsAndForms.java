package io.sidedesk.form;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/** Custom ticket fields and ticket forms: agents read them, admins change them. */
@Service
class FieldsAndForms {

    private final TicketFieldRepository fields;
    private final TicketFormRepository forms;

    FieldsAndForms(TicketFieldRepository fields, TicketFormRepository forms) {
        this.fields = fields;
        this.forms = forms;
    }

    @Transactional(readOnly = true)
    public ListPage<FieldViews.FieldView> listFields(Actor actor, Paging paging) {
        actor.requireStaff();
        Specification<TicketField> all = (root, query, cb) -> cb.conjunction();
        ListPage<TicketField> page = paging.fetch(fields, all, TicketField::getId);
        // Options of the whole page in one statement, not one per field.
        fields.findWithOptions(page.items().stream().map(TicketField::getId).toList());
        return page.map(FieldViews.FieldView::of);
    }

    @Transactional(readOnly = true)
    public FieldViews.FieldView showField(Actor actor, long id) {
        actor.requireStaff();
        return FieldViews.FieldView.of(field(id));
    }

    @Transactional
    public FieldViews.FieldView createField(Actor actor, FieldRequests.Field request) {
        actor.requireAdmin();
        if (request.type() == null) {
            throw RecordInvalid.field("type", "is required");
        }
        TicketField field = new TicketField(request.type(), title(request.title()));
        fields.saveAndFlush(field);
        apply(field, request);
        if (request.type() == FieldType.TAGGER && request.customFieldOptions() == null) {
            throw RecordInvalid.field("custom_field_options", "a tagger field needs at least one option");
        }
        fields.flush(); // the options get their ids
        return FieldViews.FieldView.of(field);
    }

    @Transactional
    public FieldViews.FieldView updateField(Actor actor, long id, FieldRequests.Field request) {
        actor.requireAdmin();
        TicketField field = field(id);
        if (request.type() != null && request.type() != field.getType()) {
            throw RecordInvalid.field("type", "cannot change once the field exists");
        }
        if (request.title() != null) {
            field.retitle(title(request.title()));
        }
        apply(field, request);
        fields.flush(); // new options get their ids
        return FieldViews.FieldView.of(field);
    }

    @Transactional(readOnly = true)
    public ListPage<FieldViews.FormView> listForms(Actor actor, Paging paging) {
        actor.requireStaff();
        Specification<TicketForm> all = (root, query, cb) -> cb.conjunction();
        return paging.fetch(forms, all, TicketForm::getId).map(FieldViews.FormView::of);
    }

    @Transactional(readOnly = true)
    public FieldViews.FormView showForm(Actor actor, long id) {
        actor.requireStaff();
        return FieldViews.FormView.of(form(id));
    }

    @Transactional
    public FieldViews.FormView createForm(Actor actor, FieldRequests.Form request) {
        actor.requireAdmin();
        if (request.name() == null || request.name().isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        TicketForm form = forms.save(new TicketForm(
                request.name().strip(),
                fieldIds(request.ticketFieldIds() == null ? List.of() : request.ticketFieldIds())));
        applyForm(form, request);
        return FieldViews.FormView.of(form);
    }

    @Transactional
    public FieldViews.FormView updateForm(Actor actor, long id, FieldRequests.Form request) {
        actor.requireAdmin();
        TicketForm form = form(id);
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw RecordInvalid.field("name", "cannot be blank");
            }
            form.rename(request.name().strip());
        }
        if (request.ticketFieldIds() != null) {
            form.replaceFields(fieldIds(request.ticketFieldIds()));
        }
        applyForm(form, request);
        return FieldViews.FormView.of(form);
    }

    private void applyForm(TicketForm form, FieldRequests.Form request) {
        if (request.active() != null) {
            if (!request.active() && (form.isDefaultForm() || Boolean.TRUE.equals(request.defaultForm()))) {
                throw RecordInvalid.field("active", "the default form must stay active");
            }
            form.activate(request.active());
        }
        if (request.defaultForm() != null) {
            if (request.defaultForm() && !form.isActive()) {
                throw RecordInvalid.field("default", "an inactive form cannot be the default");
            }
            if (request.defaultForm()) {
                forms.clearDefaultExcept(form.getId());
            }
            form.markDefault(request.defaultForm());
        }
    }

    private void apply(TicketField field, FieldRequests.Field request) {
        if (request.description() != null) {
            field.describe(request.description());
        }
        if (request.required() != null) {
            field.require(request.required());
        }
        if (request.active() != null) {
            field.activate(request.active());
        }
        if (request.visibleInPortal() != null || request.editableInPortal() != null) {
            boolean visible = request.visibleInPortal() != null ? request.visibleInPortal() : field.isVisibleInPortal();
            boolean editable = request.editableInPortal() != null
                    ? request.editableInPortal()
                    : field.isEditableInPortal() && visible;
            if (editable && !visible) {
                throw RecordInvalid.field(
                        "editable_in_portal", "needs visible_in_portal: end-users edit only fields they can see");
            }
            field.showInPortal(visible, editable);
        }
        if (request.customFieldOptions() != null) {
            if (field.getType() != FieldType.TAGGER) {
                throw RecordInvalid.field("custom_field_options", "only tagger fields have options");
            }
            field.replaceOptions(choices(request.customFieldOptions()));
        }
    }

    private static List<TicketField.Choice> choices(List<FieldRequests.Option> options) {
        if (options.isEmpty()) {
            throw RecordInvalid.field("custom_field_options", "a tagger field needs at least one option");
        }
        Set<String> values = new HashSet<>();
        return options.stream()
                .map(option -> {
                    if (option == null || option.name() == null || option.name().isBlank()) {
                        throw RecordInvalid.field("custom_field_options", "each option needs a name");
                    }
                    String value =
                            option.value() == null ? "" : option.value().strip().toLowerCase(java.util.Locale.ROOT);
                    if (!value.matches("[^\\s,]+")) {
                        throw RecordInvalid.field(
                                "custom_field_options",
                                "each option needs a value usable as a tag (no spaces or commas): " + option.value());
                    }
                    if (!values.add(value)) {
                        throw RecordInvalid.field("custom_field_options", "option values must be unique: " + value);
                    }
                    return new TicketField.Choice(option.name().strip(), value);
                })
                .toList();
    }

    private List<Long> fieldIds(List<Long> ids) {
        Set<Long> unique = new LinkedHashSet<>();
        for (Long id : ids) {
            if (id == null || !unique.add(id)) {
                throw RecordInvalid.field("ticket_field_ids", "must name each field once");
            }
        }
        if (fields.findAllById(unique).size() != unique.size()) {
            throw RecordInvalid.field("ticket_field_ids", "names a ticket field that does not exist");
        }
        return List.copyOf(unique);
    }

    private static String title(String given) {
        if (given == null || given.isBlank()) {
            throw RecordInvalid.field("title", "is required");
        }
        return given.strip();
    }

    private TicketField field(long id) {
        return fields.findById(id).orElseThrow(() -> new RecordNotFound("Ticket field", id));
    }

    private TicketForm form(long id) {
        return forms.findById(id).orElseThrow(() -> new RecordNotFound("Ticket form", id));
    }
}

package io.sidedesk.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DecimalNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.RecordInvalid;

/**
 * Custom field values on tickets: checked against the field's type and options and against the
 * ticket's form, stored exactly as written. A tagger's value is also one of the ticket's tags.
 */
@Service
public class CustomFields {

    static final int MAX_TEXT = 64 * 1024;

    /**
     * A decimal's digits before and after the point, as written (README, "Custom fields"): what a client's
     * decimal type or a SQL {@code numeric(28, 10)} holds, far inside what PostgreSQL's jsonb stores.
     */
    static final int DECIMAL_INTEGER_DIGITS = 18;

    static final int DECIMAL_FRACTION_DIGITS = 10;

    private static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DECIMAL_TEXT =
            Pattern.compile("-?\\d{1," + DECIMAL_INTEGER_DIGITS + "}(\\.\\d{1," + DECIMAL_FRACTION_DIGITS + "})?");

    private final TicketFieldRepository fields;
    private final TicketFormRepository forms;

    CustomFields(TicketFieldRepository fields, TicketFormRepository forms) {
        this.fields = fields;
        this.forms = forms;
    }

    /** A value as written: {@code {"id": 123, "value": ...}}; a JSON null clears the field. */
    @Schema(name = "CustomFieldValueInput")
    public record Input(Long id, JsonNode value) {}

    /**
     * The values after a write, keyed by field id, and the tags the write adds and removes for taggers.
     * {@code changed} holds, per changed field, the previous value (null when there was none).
     */
    public record Applied(
            Map<Long, JsonNode> values, Map<Long, JsonNode> changed, Set<String> tagsAdded, Set<String> tagsRemoved) {}

    /** The default form, which a ticket gets when none is named (null when no form is the default). */
    @Transactional(readOnly = true)
    public Long defaultFormId() {
        return forms.findFirstByDefaultFormTrue().map(TicketForm::getId).orElse(null);
    }

    @Transactional(readOnly = true)
    public void checkForm(long formId) {
        if (forms.findById(formId).filter(TicketForm::isActive).isEmpty()) {
            throw RecordInvalid.field("ticket_form_id", "is not an active ticket form");
        }
    }

    /** The fields whose values end-users may read (active, visible in the portal); one statement. */
    @Transactional(readOnly = true)
    public Set<Long> visibleToEndUsers() {
        return Set.copyOf(fields.findIdsVisibleInPortal());
    }

    /**
     * The values after writing {@code inputs}. An end-user ({@code byEndUser}) writes only fields editable in the
     * portal: a field they cannot see is refused as a missing one, a field they see but may not edit is a 403.
     */
    @Transactional(readOnly = true)
    public Applied apply(Long formId, Map<Long, JsonNode> current, List<Input> inputs, boolean byEndUser) {
        Map<Long, JsonNode> values = new TreeMap<>(current);
        Map<Long, JsonNode> changed = new LinkedHashMap<>();
        Set<String> added = new HashSet<>();
        Set<String> removed = new HashSet<>();
        Set<Long> ids = inputs.stream()
                .map(Input::id)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, TicketField> known =
                fields.findWithOptions(ids).stream().collect(Collectors.toMap(TicketField::getId, Function.identity()));
        Set<Long> onForm = formId == null
                ? null
                : forms.findById(formId)
                        .map(f -> Set.copyOf(f.getTicketFieldIds()))
                        .orElse(Set.of());
        for (Input input : inputs) {
            if (input == null || input.id() == null) {
                throw RecordInvalid.field("custom_fields", "each value needs the id of its field");
            }
            String name = "custom_fields." + input.id();
            TicketField field = known.get(input.id());
            if (field == null || !field.isActive() || byEndUser && !field.isVisibleInPortal()) {
                throw RecordInvalid.field(name, "is not an active ticket field");
            }
            if (byEndUser && !field.isEditableInPortal()) {
                throw new ActionForbidden("End-users cannot set " + name + ": it is not editable in the portal");
            }
            if (onForm != null && !onForm.contains(field.getId())) {
                throw RecordInvalid.field(name, "is not on the ticket's form");
            }
            JsonNode value = input.value() == null || input.value().isNull() ? null : input.value();
            if (value != null) {
                check(field, value, name);
                value = asStored(field, value);
            }
            JsonNode previous = values.get(field.getId());
            if (java.util.Objects.equals(previous, value)) {
                continue;
            }
            changed.put(field.getId(), previous);
            if (value == null) {
                values.remove(field.getId());
            } else {
                values.put(field.getId(), value);
            }
            if (field.getType() == FieldType.TAGGER) {
                if (previous != null) {
                    removed.add(previous.asString());
                }
                if (value != null) {
                    added.add(value.asString());
                }
            }
        }
        removed.removeAll(added);
        return new Applied(values, changed, added, removed);
    }

    /**
     * What {@link #apply} makes of one value that a rule (not a person) writes: empty, and nothing thrown, when the
     * field is not active, not on the ticket's form, or does not take the value; the rule's action is then not made.
     */
    @Transactional(readOnly = true)
    public Optional<Applied> applyForRule(Long formId, Map<Long, JsonNode> current, Input input) {
        try {
            return Optional.of(apply(formId, current, List.of(input), false));
        } catch (RecordInvalid | ActionForbidden refused) {
            return Optional.empty();
        }
    }

    /**
     * A value a rule (trigger, macro) will write to a field, checked as a ticket update's would be (on any form) as
     * the rule is saved: a 422 naming {@code place} when the field does not take it.
     */
    @Transactional(readOnly = true)
    public void checkRuleValue(long fieldId, JsonNode value, String place) {
        try {
            apply(null, Map.of(), List.of(new Input(fieldId, value)), false);
        } catch (RecordInvalid refused) {
            String why = refused.details().values().iterator().next().get(0);
            throw RecordInvalid.field(place, "custom field " + fieldId + " " + why);
        }
    }

    /** Those of the ids that name active fields; one statement. */
    @Transactional(readOnly = true)
    public Set<Long> activeAmong(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return fields.findAllById(ids).stream()
                .filter(TicketField::isActive)
                .map(TicketField::getId)
                .collect(Collectors.toSet());
    }

    /** Fields of the ticket's form marked required must have a value before the ticket is solved. */
    @Transactional(readOnly = true)
    public void checkRequiredToSolve(Long formId, Map<Long, JsonNode> values) {
        Long missing = missingToSolve(formId, values);
        if (missing != null) {
            throw RecordInvalid.field("custom_fields." + missing, "is required to solve the ticket");
        }
    }

    /** The first field required to solve the ticket that has no value, or null when it may be solved. */
    @Transactional(readOnly = true)
    public Long missingToSolve(Long formId, Map<Long, JsonNode> values) {
        if (formId == null) {
            return null;
        }
        List<Long> onForm =
                forms.findById(formId).map(TicketForm::getTicketFieldIds).orElse(List.of());
        for (TicketField field : fields.findAllById(onForm)) {
            JsonNode value = values.get(field.getId());
            boolean empty = value == null
                    || value.isNull()
                    || value.isString() && value.stringValue().isBlank();
            if (field.isRequired() && field.isActive() && empty) {
                return field.getId();
            }
        }
        return null;
    }

    private static void check(TicketField field, JsonNode value, String name) {
        boolean ok =
                switch (field.getType()) {
                    case TEXT, TEXTAREA ->
                        value.isString()
                                && value.stringValue().length() <= MAX_TEXT
                                && (field.getType() == FieldType.TEXTAREA
                                        || !value.stringValue().contains("\n"));
                    case CHECKBOX -> value.isBoolean();
                    case INTEGER ->
                        value.isIntegralNumber() && value.canConvertToLong()
                                || value.isString()
                                        && INTEGER_TEXT
                                                .matcher(value.stringValue())
                                                .matches();
                    case DECIMAL ->
                        value.isNumber() && isDecimal(value.decimalValue())
                                || value.isString()
                                        && DECIMAL_TEXT
                                                .matcher(value.stringValue())
                                                .matches();
                    case DATE -> value.isString() && isDate(value.stringValue());
                    case TAGGER ->
                        value.isString()
                                && field.getOptions().stream()
                                        .anyMatch(option -> option.getValue().equals(value.stringValue()));
                };
        if (!ok) {
            throw RecordInvalid.field(
                    name,
                    switch (field.getType()) {
                        case TEXT -> "must be a single line of text";
                        case TEXTAREA -> "must be text of at most 64 KB";
                        case CHECKBOX -> "must be true or false";
                        case INTEGER -> "must be a whole number";
                        case DECIMAL ->
                            "must be a decimal number with at most " + DECIMAL_INTEGER_DIGITS
                                    + " digits before the point and " + DECIMAL_FRACTION_DIGITS + " after it";
                        case DATE -> "must be a date as YYYY-MM-DD";
                        case TAGGER -> "must be the value of one of the field's options";
                    });
        }
    }

    /**
     * The value as PostgreSQL's jsonb keeps it, so that a write answers what a read will: a number with a positive
     * exponent ({@code 1E+17}) is kept written out ({@code 100000000000000000}).
     */
    private static JsonNode asStored(TicketField field, JsonNode value) {
        if (field.getType() == FieldType.DECIMAL
                && value.isNumber()
                && value.decimalValue().scale() < 0) {
            return DecimalNode.valueOf(value.decimalValue().setScale(0));
        }
        return value;
    }

    /** Digits as written: {@code 2.50} has two after the point, {@code 1E+17} eighteen before it. */
    private static boolean isDecimal(BigDecimal number) {
        return number.precision() - number.scale() <= DECIMAL_INTEGER_DIGITS
                && number.scale() <= DECIMAL_FRACTION_DIGITS;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return DATE_TEXT.matcher(text).matches();
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

package io.sidedesk.condition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.sidedesk.web.RecordInvalid;

/**
 * The fields one kind of rule may name (a trigger's, an SLA policy's, a view's), and the two things done with
 * conditions: checking a rule's conditions as it is written (a 422 naming the condition by its place, e.g.
 * {@code conditions.all[2].operator}) and evaluating them against a change.
 */
public final class ConditionLanguage {

    /** At most this many conditions in each of {@code all} and {@code any}. */
    public static final int MAX_CONDITIONS = 50;

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final String moreNames;
    private final Function<String, Field> more;

    public ConditionLanguage(List<Field> fields) {
        this(fields, null, name -> null);
    }

    /**
     * With fields named by a pattern beside the fixed ones: {@code more} gives the field of a name (null when it
     * names none), {@code moreNames} says what they are called ({@code custom_fields_<id>}) in refusals.
     */
    public ConditionLanguage(List<Field> fields, String moreNames, Function<String, Field> more) {
        fields.forEach(field -> this.fields.put(field.name(), field));
        this.moreNames = moreNames;
        this.more = more;
    }

    /** The fields, in the order given: what a {@code definitions} endpoint lists. */
    public List<Field> fields() {
        return List.copyOf(fields.values());
    }

    /** One condition checked and read: its field, operator, and value as the field compares it (null: none). */
    public record Check(Field field, Operator operator, Object expected) {}

    /** A rule's conditions checked and read: what each back end (in memory, SQL) compiles. */
    public record Checked(List<Check> all, List<Check> any) {}

    /**
     * The conditions checked and read, ready to evaluate; a 422 naming the first wrong condition's member under
     * {@code member} (e.g. {@code conditions}) if one names a field, an operator or a value this language lacks.
     */
    public Predicate<Subject> compile(Conditions conditions, String member) {
        Checked checked = check(conditions, member);
        // Conditions read nothing but the subject, so their order does not change the answer: those on a change
        // come first, as a subject often decides them without reading the ticket (Subject.knownUnchanged), and so does
        // an `any` made only of them; an `any` that reads the state comes last, as before.
        List<Predicate<Subject>> onChange = inMemory(checked.all(), true);
        List<Predicate<Subject>> all = inMemory(checked.all(), false);
        List<Predicate<Subject>> any = inMemory(checked.any(), null);
        boolean anyOnChange =
                checked.any().stream().allMatch(check -> check.operator().comparesWithBefore());
        return subject -> allMatch(onChange, subject)
                && (any.isEmpty() || !anyOnChange || anyMatch(any, subject))
                && allMatch(all, subject)
                && (any.isEmpty() || anyOnChange || anyMatch(any, subject));
    }

    /** The conditions compiled: those on a change ({@code true}), on the state ({@code false}), or all (null). */
    private static List<Predicate<Subject>> inMemory(List<Check> checks, Boolean onChange) {
        return checks.stream()
                .filter(check -> onChange == null || check.operator().comparesWithBefore() == onChange)
                .map(ConditionLanguage::inMemory)
                .toList();
    }

    private static boolean allMatch(List<Predicate<Subject>> conditions, Subject subject) {
        for (Predicate<Subject> condition : conditions) {
            if (!condition.test(subject)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatch(List<Predicate<Subject>> conditions, Subject subject) {
        for (Predicate<Subject> condition : conditions) {
            if (condition.test(subject)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The conditions checked and read, for a back end of its own; the same 422s as {@link #compile} ({@code member}
     * empty: the places are {@code all[i]} and {@code any[i]}, as a body that sends them at its top level).
     */
    public Checked check(Conditions conditions, String member) {
        String prefix = member.isEmpty() ? "" : member + ".";
        return new Checked(check(conditions.all(), prefix + "all"), check(conditions.any(), prefix + "any"));
    }

    private List<Check> check(List<Condition> conditions, String member) {
        if (conditions.size() > MAX_CONDITIONS) {
            throw RecordInvalid.field(member, "can hold at most " + MAX_CONDITIONS + " conditions");
        }
        List<Check> checked = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            checked.add(check(conditions.get(i), member + "[" + i + "]"));
        }
        return checked;
    }

    private static Predicate<Subject> inMemory(Check check) {
        Field field = check.field();
        String name = field.name();
        Operator operator = check.operator();
        if (operator.comparesWithBefore()) {
            // Unchanged: changed, value and value_previous fail and not_changed holds, whatever the value.
            return subject -> subject.knownUnchanged(name)
                    ? operator == Operator.NOT_CHANGED
                    : field.test(operator, expected(check, subject), subject.current(name), subject.previous(name));
        }
        // The value before the change is read only by the operators that compare with it.
        return subject -> field.test(operator, expected(check, subject), subject.current(name), null);
    }

    /** The condition's value, or the subject's value that it names ({@code current_user}, {@code requester_id}). */
    private static Object expected(Check check, Subject subject) {
        return check.expected() instanceof Field.Reference reference
                ? subject.current(reference.name())
                : check.expected();
    }

    private Check check(Condition condition, String member) {
        if (condition == null) {
            throw RecordInvalid.field(member, "cannot be null");
        }
        Field field = condition.field() == null
                ? null
                : fields.containsKey(condition.field()) ? fields.get(condition.field()) : more.apply(condition.field());
        if (field == null) {
            throw RecordInvalid.field(
                    member + ".field",
                    "must be one of " + String.join(", ", fields.keySet())
                            + (moreNames == null ? "" : ", " + moreNames));
        }
        Operator operator = Operator.find(condition.operator());
        if (operator == null || !field.operators().contains(operator)) {
            throw RecordInvalid.field(
                    member + ".operator",
                    "must be one of "
                            + field.operators().stream()
                                    .sorted()
                                    .map(Operator::wire)
                                    .collect(Collectors.joining(", ")));
        }
        Object expected;
        try {
            expected = operator.takesValue() ? field.read(condition.value()) : null;
        } catch (IllegalArgumentException e) {
            throw RecordInvalid.field(member + ".value", e.getMessage());
        }
        return new Check(field, operator, expected);
    }
}

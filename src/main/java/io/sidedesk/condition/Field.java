package io.sidedesk.condition;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A field conditions may name: the operators it takes, and how a condition's value is read into what the subject's
 * values are compared with. One kind per factory method.
 */
public final class Field {

    private static final Pattern TAG_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Set<Operator> EQUALITY = EnumSet.of(
            Operator.IS,
            Operator.IS_NOT,
            Operator.CHANGED,
            Operator.VALUE,
            Operator.VALUE_PREVIOUS,
            Operator.NOT_CHANGED);

    /**
     * A number field takes at most this much either way: hours (10,000,000 is over a thousand years), so that a
     * moment computed from one stays within what the database holds.
     */
    static final double MAX_NUMBER = 1e7;

    private final String name;
    private final Set<Operator> operators;
    private final Kind kind;
    private final List<String> values;

    private enum Kind {
        CHOICE,
        ORDERED,
        ID,
        TAGS,
        WORDS,
        FACTS,
        ANY,
        NUMBER
    }

    /** A condition's value that names another of the subject's values ({@code current_user}, {@code requester_id}). */
    public record Reference(String name) {}

    private Field(String name, Set<Operator> operators, Kind kind, List<String> values) {
        this.name = name;
        this.operators = Set.copyOf(operators);
        this.kind = kind;
        this.values = values;
    }

    /** One of {@code values} (e.g. a ticket's type), compared for equality and change. */
    public static Field choice(String name, String... values) {
        return new Field(name, EQUALITY, Kind.CHOICE, List.of(values));
    }

    /** One of {@code values} in their order (status, priority): also less_than and greater_than. */
    public static Field ordered(String name, String... values) {
        Set<Operator> operators = EnumSet.copyOf(EQUALITY);
        operators.add(Operator.LESS_THAN);
        operators.add(Operator.GREATER_THAN);
        return new Field(name, operators, Kind.ORDERED, List.of(values));
    }

    /** One of {@code values}, with only the operators given (update_type: is; role: is, is_not). */
    public static Field only(String name, Set<Operator> operators, String... values) {
        return new Field(name, operators, Kind.CHOICE, List.of(values));
    }

    /**
     * An id (group_id, assignee_id, ...): a number, {@code ""} / null for none, or one of {@code references}: the
     * name of another of the subject's ids ({@code current_user}, {@code requester_id}), compared with its value.
     */
    public static Field id(String name, String... references) {
        return new Field(name, EQUALITY, Kind.ID, List.of(references));
    }

    /**
     * A value of whatever JSON type the field keeps (a custom field's: text, a number, true or false, a date),
     * compared as text for equality and change; {@code ""} or null for none.
     */
    public static Field any(String name) {
        return new Field(name, EQUALITY, Kind.ANY, null);
    }

    /**
     * What happened in the change, as a set of {@code values} the subject gives (a comment's privacy, a side
     * conversation's action): {@code is} holds when the value given is among them, {@code is_not} when it is not.
     */
    public static Field facts(String name, String... values) {
        return new Field(name, EnumSet.of(Operator.IS, Operator.IS_NOT), Kind.FACTS, List.of(values));
    }

    /**
     * A quantity the subject gives as a number, or null when it has none (hours until the next SLA breach, when no
     * target runs): less_than and greater_than a number, which a subject without one meets neither of.
     */
    public static Field number(String name) {
        return new Field(name, EnumSet.of(Operator.LESS_THAN, Operator.GREATER_THAN), Kind.NUMBER, null);
    }

    /** A set of tags: includes (at least one of the tags given) and not_includes (none of them). */
    public static Field tags(String name) {
        return new Field(name, EnumSet.of(Operator.INCLUDES, Operator.NOT_INCLUDES), Kind.TAGS, null);
    }

    /** A text: includes (at least one of the words given, whole words, any case) and not_includes (none). */
    public static Field words(String name) {
        return new Field(name, EnumSet.of(Operator.INCLUDES, Operator.NOT_INCLUDES), Kind.WORDS, null);
    }

    /**
     * The same field with only the operators that look at the subject as it is, none that compare it with before
     * ({@code changed}, {@code value}, {@code value_previous}, {@code not_changed}): for rules that judge a ticket's
     * current state, not a change (SLA policies).
     */
    public Field current() {
        Set<Operator> current = EnumSet.noneOf(Operator.class);
        operators.stream().filter(operator -> !operator.comparesWithBefore()).forEach(current::add);
        return new Field(name, current, kind, values);
    }

    public String name() {
        return name;
    }

    public Set<Operator> operators() {
        return operators;
    }

    /** The values it takes: for fields that take one of a list, those; for ids, the names they may refer to. */
    public List<String> values() {
        return kind == Kind.TAGS || kind == Kind.WORDS || kind == Kind.ANY || kind == Kind.NUMBER ? null : values;
    }

    /**
     * A condition's value as this field compares it: text, a {@code Long} id (null for none), or a set of lower-case
     * tags or words. A value the field does not take is an {@link IllegalArgumentException} saying which it takes.
     */
    Object read(JsonNode value) {
        return switch (kind) {
            case CHOICE, ORDERED, FACTS -> {
                // Numbers are read as their digits: channels are named by Zendesk's via ids.
                String text = value != null && (value.isString() || value.isIntegralNumber()) ? value.asString() : null;
                if (text == null || !values.contains(text)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", values));
                }
                yield text;
            }
            case ANY -> {
                if (value == null
                        || value.isNull()
                        || value.isString() && value.asString().isEmpty()) {
                    yield null;
                }
                if (!value.isValueNode()) {
                    throw new IllegalArgumentException("must be text, a number, true or false, or \"\" for none");
                }
                yield value.asString();
            }
            case NUMBER -> {
                try {
                    double number = value != null && value.isNumber()
                            ? value.asDouble()
                            : value != null && value.isString() ? Double.parseDouble(value.asString()) : Double.NaN;
                    if (!Double.isFinite(number) || Math.abs(number) > MAX_NUMBER) {
                        throw new NumberFormatException();
                    }
                    yield number;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "must be a number from -" + (long) MAX_NUMBER + " to " + (long) MAX_NUMBER);
                }
            }
            case ID -> {
                if (value != null && value.isString() && values.contains(value.asString())) {
                    yield new Reference(value.asString());
                }
                yield readId(value);
            }
            case TAGS, WORDS -> {
                String text = value != null && value.isString() ? value.asString() : "";
                Set<String> words = kind == Kind.TAGS ? tagsOf(text) : wordsOf(text);
                if (words.isEmpty()) {
                    throw new IllegalArgumentException(
                            "must name at least one " + (kind == Kind.TAGS ? "tag" : "word"));
                }
                yield words;
            }
        };
    }

    /** Whether {@code current} (and {@code previous}) of the subject meet the operator with the value read. */
    boolean test(Operator operator, Object expected, Object current, Object previous) {
        boolean changed = !Objects.equals(current, previous);
        if (kind == Kind.FACTS) {
            boolean present = current instanceof Set<?> facts && facts.contains(expected);
            return operator == Operator.IS ? present : !present;
        }
        if (kind == Kind.NUMBER) {
            return current instanceof Number number
                    && (operator == Operator.LESS_THAN
                            ? number.doubleValue() < (Double) expected
                            : number.doubleValue() > (Double) expected);
        }
        return switch (operator) {
            case IS -> matches(expected, current);
            case IS_NOT -> !matches(expected, current);
            case LESS_THAN -> current != null && values.indexOf(current) < values.indexOf(expected);
            case GREATER_THAN -> current != null && values.indexOf(current) > values.indexOf(expected);
            case CHANGED -> changed;
            case VALUE -> changed && Objects.equals(current, expected);
            case VALUE_PREVIOUS -> changed && Objects.equals(previous, expected);
            case NOT_CHANGED -> !changed;
            case INCLUDES -> includesAny(current, expected);
            case NOT_INCLUDES -> !includesAny(current, expected);
        };
    }

    /** Equal, or among them when the value is a set (a reference to several: {@code current_groups}). */
    private static boolean matches(Object expected, Object current) {
        return expected instanceof Set<?> among ? among.contains(current) : Objects.equals(current, expected);
    }

    /**
     * For a field that takes one of a list: the values of the list a ticket may hold that meet the operator with
     * the value read ({@code ""}: none), found by the same test as in memory, so that a query asks exactly that;
     * null for any other field.
     */
    public List<String> valuesMeeting(Operator operator, Object expected) {
        if (kind != Kind.CHOICE && kind != Kind.ORDERED) {
            return null;
        }
        return values.stream()
                .filter(value -> test(operator, expected, value, value))
                .toList();
    }

    private boolean includesAny(Object current, Object expected) {
        Set<?> present =
                current instanceof Set<?> set ? set : current instanceof String text ? wordsOf(text) : Set.of();
        return ((Set<?>) expected).stream().anyMatch(present::contains);
    }

    private Long readId(JsonNode value) {
        if (value == null
                || value.isNull()
                || (value.isString() && value.asString().isEmpty())) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value.isString() && value.asString().matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(value.asString());
        }
        throw new IllegalArgumentException(
                values.isEmpty()
                        ? "must be an id, or \"\" for none"
                        : "must be an id, \"\" for none, or one of " + String.join(", ", values));
    }

    /** Tags as tickets keep them: lower case, separated by blanks or commas. */
    private static Set<String> tagsOf(String text) {
        return words(text, TAG_SEPARATORS);
    }

    /** The words of a text, lower case: letters and digits. */
    private static Set<String> wordsOf(String text) {
        return words(text, WORD_SEPARATORS);
    }

    private static Set<String> words(String text, Pattern separators) {
        Set<String> words = new TreeSet<>();
        Arrays.stream(separators.split(text.toLowerCase(Locale.ROOT)))
                .filter(word -> !word.isEmpty())
                .forEach(words::add);
        return words;
    }
}

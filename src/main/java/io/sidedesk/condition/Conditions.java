package io.sidedesk.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Zendesk's {@code {all: [...], any: [...]}}: every condition of {@code all}, and one of {@code any} if it has any. */
public record Conditions(List<Condition> all, List<Condition> any) {

    public static final Conditions NONE = new Conditions(List.of(), List.of());

    public Conditions {
        // A null condition is kept, for ConditionLanguage to refuse by its place (List.copyOf would throw).
        all = all == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(all));
        any = any == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(any));
    }

    /**
     * These conditions without those naming one of the groups ({@code group_id}): what a reader to whom those groups do
     * not exist may see (R22). The same conditions when none does.
     */
    public Conditions withoutGroups(java.util.Set<Long> hidden) {
        java.util.function.Predicate<Condition> shown = condition -> {
            Long id = condition != null && "group_id".equals(condition.field()) ? id(condition.value()) : null;
            return id == null || !hidden.contains(id);
        };
        if (hidden.isEmpty() || all.stream().allMatch(shown) && any.stream().allMatch(shown)) {
            return this;
        }
        return new Conditions(
                all.stream().filter(shown).toList(), any.stream().filter(shown).toList());
    }

    /**
     * The ids these conditions name in the fields of one {@code kind} ({@code kinds}: field name → kind, e.g.
     * {@code group_id} → group), by their place under {@code member} ({@code conditions.all[1].value}): for the rule
     * to check that they exist.
     */
    public Map<String, Long> namedIds(String member, Map<String, String> kinds, String kind) {
        Map<String, Long> named = new LinkedHashMap<>();
        String prefix = member.isEmpty() ? "" : member + ".";
        collect(all, prefix + "all", kinds, kind, named);
        collect(any, prefix + "any", kinds, kind, named);
        return named;
    }

    private static void collect(
            List<Condition> conditions, String place, Map<String, String> kinds, String kind, Map<String, Long> named) {
        for (int i = 0; i < conditions.size(); i++) {
            Condition condition = conditions.get(i);
            Long id = condition == null ? null : id(condition.value());
            if (id != null && kind.equals(kinds.get(condition.field()))) {
                named.put(place + "[" + i + "].value", id);
            }
        }
    }

    /** A positive id, as a number or its digits; null when it is not one. */
    public static Long id(JsonNode value) {
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value != null && value.isString() && value.asString().matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(value.asString());
        }
        return null;
    }
}

package io.sidedesk.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Zendesk's {@code {all: [...], any: [...]}}: every condition of {@code all}, and one of {@code any} if it has any. */
public record Conditions(List<Condition> all, List<Condition> any) {

    public static final Conditions NONE = new Conditions(List.of(), List.of());

    public Conditions {
        // A null condition is kept, for ConditionLanguage to refuse by its place (List.copyOf would throw).
        all = all == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(all));
        any = any == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(any));
    }
}

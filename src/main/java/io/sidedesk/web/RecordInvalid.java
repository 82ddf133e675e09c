package io.sidedesk.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The request names a value that breaks a rule: a 422 {@code RecordInvalid} naming each field. */
public class RecordInvalid extends RuntimeException {

    private final Map<String, List<String>> details;

    public RecordInvalid(Map<String, List<String>> details) {
        super("Invalid " + details.keySet());
        this.details = Map.copyOf(details);
    }

    public static RecordInvalid field(String field, String description) {
        return new RecordInvalid(Map.of(field, List.of(description)));
    }

    /** The same refusal with each field renamed (fields renamed alike keep all their messages). */
    public RecordInvalid renamed(UnaryOperator<String> rename) {
        Map<String, List<String>> renamed = new LinkedHashMap<>();
        details.forEach((field, messages) -> renamed.computeIfAbsent(rename.apply(field), name -> new ArrayList<>())
                .addAll(messages));
        return new RecordInvalid(renamed);
    }

    public Map<String, List<String>> details() {
        return new LinkedHashMap<>(details);
    }
}

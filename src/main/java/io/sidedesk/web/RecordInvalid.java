package io.sidedesk.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public Map<String, List<String>> details() {
        return new LinkedHashMap<>(details);
    }
}

package io.sidedesk.web;

import java.util.List;
import java.util.Map;

/** A query parameter that cannot be used (bad page size, unknown cursor): a 400 naming the parameter. */
public class InvalidParameter extends RuntimeException {

    private final String parameter;

    public InvalidParameter(String parameter, String description) {
        super(description);
        this.parameter = parameter;
    }

    public Map<String, List<String>> details() {
        return Map.of(parameter, List.of(getMessage()));
    }
}

package io.sidedesk.condition;

import tools.jackson.databind.JsonNode;

/** One condition as rules write it: {@code {"field": "status", "operator": "is", "value": "open"}}. */
public record Condition(String field, String operator, JsonNode value) {}

package io.sidedesk.ratelimit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import io.sidedesk.web.Problems;

/** 429 problem+json with {@code Retry-After} in whole seconds. */
class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long nanosToWait, String message)
            throws IOException {
        long seconds = Math.max(1, RateLimits.seconds(nanosToWait));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests",
                message + " (retry after " + seconds + " s)");
        Problems.withInstance(problem, request.getRequestURI());
        response.setStatus(problem.getStatus());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

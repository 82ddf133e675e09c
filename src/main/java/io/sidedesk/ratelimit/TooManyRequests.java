package io.sidedesk.ratelimit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import io.sidedesk.web.ProblemWriter;
import io.sidedesk.web.Problems;

/** The 429 answer: problem+json with {@code Retry-After} in whole seconds. */
class TooManyRequests {

    private final ProblemWriter problems;

    TooManyRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    void write(HttpServletRequest request, HttpServletResponse response, long nanosToWait, String message)
            throws IOException {
        long seconds = Math.max(1, RateLimits.seconds(nanosToWait));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        problems.write(
                request,
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests", message + " (retry after " + seconds + " s)"));
    }
}

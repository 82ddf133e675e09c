package io.sidedesk.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import io.sidedesk.web.ProblemWriter;
import io.sidedesk.web.Problems;

/**
 * Spring's CORS checks, with a refusal written as every other refusal is: a 403 problem+json, not Spring's bare
 * "Invalid CORS request" text without a content type.
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemWriter writer;

    ProblemCorsProcessor(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean processRequest(
            CorsConfiguration configuration, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean allowed = super.processRequest(configuration, request, response);
        if (!allowed) {
            writer.write(
                    request, response, Problems.forbidden("Cross-origin requests from this origin are not allowed"));
        }
        return allowed;
    }

    /** The status only: {@link #processRequest} writes the body. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.FORBIDDEN);
    }
}

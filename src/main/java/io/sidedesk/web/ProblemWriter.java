package io.sidedesk.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes a problem+json answer straight to the response, for filters that refuse before Spring MVC runs. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(bytes(request, problem));
    }

    /** The problem+json body as it would be written for this request. */
    public byte[] bytes(HttpServletRequest request, ProblemDetail problem) {
        Problems.withInstance(problem, request.getRequestURI());
        return json.writeValueAsBytes(problem);
    }
}

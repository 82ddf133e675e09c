package io.sidedesk.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container rejecting a request, a filter failing) reach
 * {@code /error}; they get the same problem+json shape as everything else, and never a stack trace.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail body =
                switch (status) {
                    case NOT_FOUND -> Problems.invalidEndpoint();
                    case UNAUTHORIZED -> Problems.unauthenticated();
                    case FORBIDDEN -> Problems.forbidden("You do not have access to this page");
                    default ->
                        status.is4xxClientError()
                                ? Problems.of(status, "InvalidRequest", "The request cannot be served as sent")
                                : Problems.of(
                                        status,
                                        "InternalError",
                                        "Something went wrong on our side; the request id identifies it in our logs");
                };
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            Problems.withInstance(body, path);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}

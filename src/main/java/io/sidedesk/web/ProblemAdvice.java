package io.sidedesk.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become problem+json. Not found and not visible are both 404,
 * visible but forbidden is 403, invalid input is 422 naming the field, malformed input is 400, and
 * anything unexpected is a 500 with a generic detail (logged, never echoed).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(RecordNotFound.class)
    ResponseEntity<Object> notFound(RecordNotFound ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(ActionForbidden.class)
    ResponseEntity<Object> forbidden(ActionForbidden ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(RecordInvalid.class)
    ResponseEntity<Object> invalid(RecordInvalid ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(UpdateConflict.class)
    ResponseEntity<Object> updateConflict(UpdateConflict ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(PreconditionFailed.class)
    ResponseEntity<Object> preconditionFailed(PreconditionFailed ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(InvalidParameter.class)
    ResponseEntity<Object> invalidParameter(InvalidParameter ex, WebRequest request) {
        return problem(Problems.answer(ex), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        boolean pathVariable =
                ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        if (pathVariable) {
            return problem(Problems.recordNotFound(), request);
        }
        return problem(Problems.invalidParameter(Map.of(ex.getName(), List.of("has an invalid value"))), request);
    }

    /** Tomcat could not decode the query string (a bad percent-encoding). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> undecodableQuery(RuntimeException ex, WebRequest request) {
        return problem(Problems.undecodableQuery(), request);
    }

    /**
     * Whatever no handler above takes. The database's refusals, which arrive as Spring's or Hibernate's exceptions
     * (whichever layer the statement ran in), are judged by their SQLSTATE: only a lost race is a 409 that says
     * "retry" (two writers raced past a uniqueness check, and the database kept the data consistent).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (Problems.isDatabaseUnavailable(ex)) {
            return unavailable(ex, request);
        }
        DatabaseRefusal refusal = DatabaseRefusal.of(ex);
        switch (refusal) {
            case RACE ->
                log.warn(
                        "Lost a race on {}: {}",
                        describe(request),
                        NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            case UNCHECKED_VALUE ->
                log.error("A value no check caught reached the database on {}", describe(request), ex);
            case FAULT -> log.error("Unexpected error on {}", describe(request), ex);
        }
        return problem(refusal.problem(Problems.RACE_DESCRIPTION), request);
    }

    /** The database cannot be reached: 503 with Retry-After, so clients back off and come back. */
    private ResponseEntity<Object> unavailable(Exception ex, WebRequest request) {
        log.warn("Database unavailable on {}: {}", describe(request), ex.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.DATABASE_RETRY_AFTER));
        return problem(Problems.databaseUnavailable(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        DatabindException badValue = null;
        String reason = "has an invalid value";
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (badValue == null
                    && cause instanceof DatabindException databind
                    && !databind.getPath().isEmpty()) {
                badValue = databind;
            }
            if (cause instanceof IllegalArgumentException invalid
                    && invalid.getMessage() != null
                    && invalid.getMessage().startsWith("must ")) {
                reason = invalid.getMessage(); // our own wording, from a @JsonCreator
            }
        }
        if (badValue != null) {
            return problem(Problems.recordInvalid(Map.of(jsonPath(badValue), List.of(reason))), request);
        }
        String description = ex.getCause() instanceof JacksonException
                ? "The request body is not valid JSON"
                : "A JSON request body is required";
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "InvalidJSON", description), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, List<String>> details = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            details.computeIfAbsent(Problems.fieldName(error.getField()), k -> new ArrayList<>())
                    .add(error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> details.computeIfAbsent(
                        error.getObjectName(), k -> new ArrayList<>())
                .add(error.getDefaultMessage()));
        return problem(Problems.recordInvalid(details), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, List<String>> details = ex.getParameterValidationResults().stream()
                .collect(Collectors.toMap(
                        result -> result.getMethodParameter().getParameterName(),
                        result -> result.getResolvableErrors().stream()
                                .map(e -> e.getDefaultMessage())
                                .toList(),
                        (a, b) -> a,
                        LinkedHashMap::new));
        return problem(Problems.invalidParameter(details), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return problem(Problems.invalidParameter(Map.of(ex.getParameterName(), List.of("is required"))), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.invalidEndpoint(), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.invalidEndpoint(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.of(status, "MethodNotAllowed", ex.getMethod() + " is not supported here");
        return problem(body, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.of(status, "UnsupportedMediaType", "Send the request body as application/json");
        return problem(body, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.of(status, "NotAcceptable", "Responses are application/json"), request);
    }

    /** Every other Spring MVC exception keeps its status but gets our shape, with no exception text. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("Request failed on {}", describe(request), ex);
        }
        if (body instanceof ProblemDetail problem
                && problem.getProperties() != null
                && problem.getProperties().containsKey("error")) {
            return super.handleExceptionInternal(ex, body, headers, status, request);
        }
        String error = status.is4xxClientError() ? "InvalidRequest" : "InternalError";
        String description = status.is4xxClientError()
                ? "The request cannot be served as sent"
                : "Something went wrong on our side; the request id identifies it in our logs";
        return problem(Problems.of(status, error, description), headers, request);
    }

    private ResponseEntity<Object> problem(ProblemDetail body, WebRequest request) {
        return problem(body, null, request);
    }

    private ResponseEntity<Object> problem(ProblemDetail body, HttpHeaders headers, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            Problems.withInstance(body, servlet.getRequest().getRequestURI());
        }
        return ResponseEntity.status(body.getStatus())
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static String jsonPath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return withoutWrapper(path.toString());
    }

    private static String withoutWrapper(String path) {
        return Problems.field(path);
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getMethod() + " " + http.getRequestURI();
        }
        return request.getDescription(false);
    }
}

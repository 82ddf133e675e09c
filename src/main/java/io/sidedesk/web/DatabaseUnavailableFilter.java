package io.sidedesk.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The filters before Spring MVC (rate limits, authentication, idempotency) reach the database too. When
 * it cannot be reached, their failure is answered like any other request's: 503 problem+json with
 * {@code Retry-After}, and one warning in the log instead of a stack trace per request.
 */
@Component
@Order(FilterOrder.DATABASE_UNAVAILABLE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemWriter problems;

    DatabaseUnavailableFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!Problems.isDatabaseUnavailable(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn(
                    "Database unavailable on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.getMessage());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.DATABASE_RETRY_AFTER));
            problems.write(request, response, Problems.databaseUnavailable());
        }
    }
}

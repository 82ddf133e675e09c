package io.sidedesk.access;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import io.sidedesk.web.ProblemWriter;
import io.sidedesk.web.Problems;

/**
 * A failed authentication: 401, or 429 once the failures of that email or from that address are past their
 * budget ({@link LoginFailures}). The client address is the one Tomcat resolved: the peer, or behind trusted
 * proxies the right-most forwarded address that is not one of them.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

    private final LoginFailures failures;
    private final ProblemResponses problems;
    private final ProblemWriter writer;

    LoginFailureHandler(LoginFailures failures, ProblemResponses problems, ProblemWriter writer) {
        this.failures = failures;
        this.problems = problems;
        this.writer = writer;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        long wait = failures.failed(email(request), request.getRemoteAddr());
        if (wait <= 0) {
            problems.commence(request, response, exception);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
        writer.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests",
                "Too many failed authentications for this email or address; retry after " + wait + " s"));
    }

    /** The email of {@code {email}/token} Basic credentials, lower-cased; null when they name none. */
    private static String email(HttpServletRequest request) {
        try {
            if (new ApiTokenConverter().convert(request) instanceof ApiTokenAuthentication presented
                    && presented.email() != null) {
                return presented.email().strip().toLowerCase(Locale.ROOT);
            }
        } catch (AuthenticationException malformed) {
            // A malformed header names nobody: only the client address is counted.
        }
        return null;
    }
}

package io.sidedesk.access;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import io.sidedesk.web.ProblemWriter;
import io.sidedesk.web.Problems;

/**
 * Failed authentications, throttled without locking anyone out ({@link LoginFailures}). Before credentials
 * are checked, an email that failed too often from this client address is answered 429 at once (so guessing
 * from there learns nothing more); a failure answers 401, or 429 once that email from that address, or that
 * address for any email, is past its budget. Nobody elsewhere can spend the budget of a user's own address, so
 * their valid credentials always authenticate. The client address is the one Tomcat resolved: the peer, or
 * behind trusted proxies the right-most forwarded address that is not one of them.
 */
final class LoginThrottle implements AuthenticationConverter, AuthenticationFailureHandler {

    private final AuthenticationConverter credentials;
    private final LoginFailures failures;
    private final ProblemResponses problems;
    private final ProblemWriter writer;

    LoginThrottle(
            AuthenticationConverter credentials,
            LoginFailures failures,
            ProblemResponses problems,
            ProblemWriter writer) {
        this.credentials = credentials;
        this.failures = failures;
        this.problems = problems;
        this.writer = writer;
    }

    /** The presented credentials, unless their email is throttled from this address. */
    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication presented = credentials.convert(request);
        if (presented instanceof ApiTokenAuthentication token && token.email() != null) {
            long wait = failures.blockedFor(normalized(token.email()), request.getRemoteAddr());
            if (wait > 0) {
                throw new Throttled(wait);
            }
        }
        return presented;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        long wait = exception instanceof Throttled throttled
                ? throttled.seconds
                : failures.failed(email(request), request.getRemoteAddr());
        if (wait <= 0) {
            problems.commence(request, response, exception);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
        writer.write(
                request,
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "TooManyRequests",
                        "Too many failed authentications for this email or from this address; retry after " + wait
                                + " s"));
    }

    /** The email of {@code {email}/token} Basic credentials, normalized; null when they name none. */
    private String email(HttpServletRequest request) {
        try {
            if (credentials.convert(request) instanceof ApiTokenAuthentication presented && presented.email() != null) {
                return normalized(presented.email());
            }
        } catch (AuthenticationException malformed) {
            // A malformed header names nobody: only the client address is counted.
        }
        return null;
    }

    private static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Refused before the credentials were checked: their email failed too often from this address. */
    private static final class Throttled extends AuthenticationException {

        private final long seconds;

        Throttled(long seconds) {
            super("Too many failed authentications for this email from this address");
            this.seconds = seconds;
        }
    }
}

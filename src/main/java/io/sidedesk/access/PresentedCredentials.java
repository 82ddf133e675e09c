package io.sidedesk.access;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;

/** What a request presents before it is authenticated, for features that throttle failed logins. */
public final class PresentedCredentials {

    private PresentedCredentials() {
    }

    /** Whether the request carries credentials at all. */
    public static boolean present(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    /** The email of {@code {email}/token} Basic credentials, lower-cased; null when there is none to read. */
    public static String email(HttpServletRequest request) {
        try {
            if (new ApiTokenConverter().convert(request) instanceof ApiTokenAuthentication presented
                    && presented.email() != null) {
                return presented.email().strip().toLowerCase(Locale.ROOT);
            }
        } catch (AuthenticationException malformed) {
            // A malformed header names nobody: only the client address is throttled.
        }
        return null;
    }
}

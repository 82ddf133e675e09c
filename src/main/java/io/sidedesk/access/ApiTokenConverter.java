package io.sidedesk.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads credentials the way Zendesk clients send them: {@code Authorization: Basic base64("{email}/token:{token}")}
 * or {@code Authorization: Bearer {token}}. No header means anonymous; any other header is a failed login.
 */
final class ApiTokenConverter implements AuthenticationConverter {

    private static final String TOKEN_SUFFIX = "/token";
    private static final int MAX_HEADER = 1024;

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        header = header.trim();
        if (header.length() > MAX_HEADER) {
            throw new BadCredentialsException("Authorization header too long");
        }
        if (startsWithIgnoringCase(header, "Bearer ")) {
            String token = header.substring(7).trim();
            if (token.isEmpty()) {
                throw new BadCredentialsException("Empty bearer token");
            }
            return ApiTokenAuthentication.presented(null, token);
        }
        if (startsWithIgnoringCase(header, "Basic ")) {
            return basic(header.substring(6).trim());
        }
        throw new BadCredentialsException("Unsupported authorization scheme");
    }

    private static Authentication basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new BadCredentialsException("Malformed Basic credentials");
        }
        String username = decoded.substring(0, colon);
        String token = decoded.substring(colon + 1);
        if (!username.endsWith(TOKEN_SUFFIX) || username.length() == TOKEN_SUFFIX.length() || token.isEmpty()) {
            throw new BadCredentialsException("Only API token authentication ({email}/token) is supported");
        }
        return ApiTokenAuthentication.presented(
                username.substring(0, username.length() - TOKEN_SUFFIX.length()), token);
    }

    private static boolean startsWithIgnoringCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}

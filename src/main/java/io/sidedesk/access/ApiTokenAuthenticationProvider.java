package io.sidedesk.access;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;

    ApiTokenAuthenticationProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        ApiTokenAuthentication presented = (ApiTokenAuthentication) authentication;
        return tokens.authenticate(presented.email(), presented.getCredentials())
                .map(ApiTokenAuthentication::of)
                .orElseThrow(() -> new BadCredentialsException("Unknown or inactive user, or bad token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}

package io.sidedesk.access;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Before authentication: the email (null for a bearer token) and the presented token. After: the
 * {@link Actor}, which controllers receive with {@code @AuthenticationPrincipal Actor actor}.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String email;
    private final transient String token;
    private final Actor actor;

    private ApiTokenAuthentication(String email, String token, Actor actor) {
        super(
                actor == null
                        ? List.of()
                        : List.of(new SimpleGrantedAuthority(
                                "ROLE_" + actor.role().name())));
        this.email = email;
        this.token = token;
        this.actor = actor;
        setAuthenticated(actor != null);
    }

    static ApiTokenAuthentication presented(String email, String token) {
        return new ApiTokenAuthentication(email, token, null);
    }

    static ApiTokenAuthentication of(Actor actor) {
        return new ApiTokenAuthentication(actor.email(), null, actor);
    }

    String email() {
        return email;
    }

    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return actor != null ? actor : email;
    }
}

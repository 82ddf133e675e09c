package io.sidedesk.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import io.sidedesk.access.PresentedCredentials;

/**
 * Throttles failed logins per email and per client address, around authentication: the first failures in
 * a minute (20 by default) are answered 401; past them every request with that email or from that address
 * is a 429 until the window refills, which takes at most a minute, so a correct credential is never held
 * off longer than that.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final TooManyRequests problems;

    LoginThrottleFilter(RateLimits limits, TooManyRequests problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PresentedCredentials.present(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = PresentedCredentials.email(request);
        String address = request.getRemoteAddr();
        long blocked = limits.loginBlockedForSeconds(email, address);
        if (blocked > 0) {
            problems.write(request, response, blocked * 1_000_000_000L,
                    "Too many failed authentications for this email or address; try again later");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            limits.loginFailed(email, address);
        }
    }
}

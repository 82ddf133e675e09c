package io.sidedesk.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rate headers on every API response, refusals of authentication included: the account's limit and
 * what is left of it, read without spending. {@link RateLimitFilter} spends it once the caller is known.
 */
class RateLimitHeadersFilter extends OncePerRequestFilter {

    private final RateLimits limits;

    RateLimitHeadersFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Rate-Limit", String.valueOf(limits.accountLimit()));
        response.setHeader("X-Rate-Limit-Remaining", String.valueOf(limits.accountRemaining()));
        chain.doFilter(request, response);
    }
}

package io.sidedesk.ratelimit;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.web.filter.OncePerRequestFilter;

import io.sidedesk.access.Actor;

/**
 * Zendesk's rate limits on the API, after authentication and before the request is read: each
 * authenticated request spends one of the account's budget per minute ({@code X-Rate-Limit-Remaining}
 * shows what is left); past it, or past 30 updates of one ticket by one user in 10 minutes, the answer is
 * 429 with {@code Retry-After} in seconds.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final Pattern TICKET_UPDATE = Pattern.compile("/api/v2/tickets/(\\d+)(?:\\.json)?");

    private final RateLimits limits;
    private final TooManyRequests problems;

    RateLimitFilter(RateLimits limits, TooManyRequests problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor actor = Actor.current().orElse(null);
        if (actor == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe account = limits.account();
        response.setHeader("X-Rate-Limit-Remaining", String.valueOf(account.getRemainingTokens()));
        if (!account.isConsumed()) {
            problems.write(request, response, account.getNanosToWaitForRefill(),
                    "The account's API rate limit of " + limits.accountLimit() + " requests per minute is spent");
            return;
        }
        Matcher ticket = TICKET_UPDATE.matcher(request.getRequestURI());
        if ("PUT".equals(request.getMethod()) && ticket.matches()) {
            ConsumptionProbe update = limits.ticketUpdate(actor.userId(), Long.parseLong(ticket.group(1)));
            if (!update.isConsumed()) {
                problems.write(request, response, update.getNanosToWaitForRefill(),
                        "You have updated this ticket too often; wait before updating it again");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

package io.sidedesk.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Zendesk clients append {@code .json} to every API path ({@code /api/v2/tickets/1.json}). The suffix
 * is dropped before security and routing see the path, so each endpoint answers on both forms.
 */
@Component
@Order(FilterOrder.JSON_SUFFIX)
class JsonSuffixFilter extends OncePerRequestFilter {

    private static final String SUFFIX = ".json";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") && path.endsWith(SUFFIX));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new WithoutSuffix(request), response);
    }

    private static final class WithoutSuffix extends HttpServletRequestWrapper {

        WithoutSuffix(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return strip(super.getRequestURI());
        }

        @Override
        public String getServletPath() {
            return strip(super.getServletPath());
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(strip(super.getRequestURL().toString()));
        }

        private static String strip(String path) {
            return path.endsWith(SUFFIX) ? path.substring(0, path.length() - SUFFIX.length()) : path;
        }
    }
}

package io.sidedesk.access;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import io.sidedesk.web.ProblemWriter;

/**
 * Stateless API-token authentication. Public: health probes and the API docs. Metrics and info: admins.
 * Everything else: any authenticated user, with finer rules in each feature's service.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * No observation (tracing span, timer) around each of Security's filters and its authorization: about
     * a tenth of a request's CPU. The request as a whole is still observed (http.server.requests).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManager apiTokenAuthenticationManager(ApiTokens tokens) {
        return new ProviderManager(new ApiTokenAuthenticationProvider(tokens));
    }

    /**
     * CORS is closed unless origins are configured ({@code SIDEDESK_CORS_ALLOWED_ORIGINS}, comma-separated):
     * a cross-origin request from any other page is refused (403), so a browser page elsewhere cannot
     * call the API with a user's token. Clients that send no Origin (servers, scripts) are not affected.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${sidedesk.cors.allowed-origins:}") List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.stream()
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id"));
        cors.setExposedHeaders(List.of(
                "ETag",
                "X-Request-Id",
                "X-Rate-Limit",
                "X-Rate-Limit-Remaining",
                "Retry-After",
                "Sidedesk-Unassigned-Tickets",
                "Sidedesk-Moved-Tickets"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    private static CorsFilter cors(CorsConfigurationSource configuration, ProblemWriter writer) {
        CorsFilter filter = new CorsFilter(configuration);
        filter.setCorsProcessor(new ProblemCorsProcessor(writer));
        return filter;
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            ProblemWriter writer,
            ObjectProvider<LoginFailures> loginFailures,
            CorsConfigurationSource corsConfigurationSource) {
        ProblemResponses problems = new ProblemResponses(writer);
        LoginThrottle throttle = new LoginThrottle(
                new ApiTokenConverter(), loginFailures.getIfAvailable(() -> LoginFailures.NONE), problems, writer);
        AuthenticationFilter tokens = new AuthenticationFilter(authenticationManager, throttle);
        tokens.setFailureHandler(throttle);
        tokens.setSuccessHandler((request, response, authentication) -> {});

        return http.csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: credentials are never ambient
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Spring Security's CORS filter, whose refusals are problem+json.
                .cors(AbstractHttpConfigurer::disable)
                .addFilterAt(cors(corsConfigurationSource, writer), CorsFilter.class)
                // Security's defaults (nosniff, frame denial, no caching) plus: no referrer, and API answers are
                // data that no browser should render or frame.
                .headers(headers -> headers.referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                                new StaticHeadersWriter(
                                        "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))))
                .addFilterAt(tokens, BasicAuthenticationFilter.class)
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // Metrics and build information describe the whole service: for admins, as settings are.
                        .requestMatchers("/actuator", "/actuator/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .authenticated())
                .build();
    }
}

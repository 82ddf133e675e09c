package io.sidedesk.access;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Stateless API-token authentication. Public: health probes and the API docs. Metrics: agents and admins.
 * Everything else: any authenticated user, with finer rules in each feature's service.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    AuthenticationManager apiTokenAuthenticationManager(ApiTokens tokens) {
        return new ProviderManager(new ApiTokenAuthenticationProvider(tokens));
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager, JsonMapper json) {
        ProblemResponses problems = new ProblemResponses(json);
        AuthenticationFilter tokens = new AuthenticationFilter(authenticationManager, new ApiTokenConverter());
        tokens.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        tokens.setSuccessHandler((request, response, authentication) -> { });

        return http
            .csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: credentials are never ambient
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterAt(tokens, BasicAuthenticationFilter.class)
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers("/actuator/**").hasAnyRole(Role.AGENT.name(), Role.ADMIN.name())
                .anyRequest().authenticated())
            .build();
    }
}

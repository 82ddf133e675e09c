package stackalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The stack alone (bench/README.md), not part of the service: the service's class path, properties and JVM options,
 * started with none of the service's beans. Spring Boot configures what it finds on that class path (Tomcat, Spring
 * MVC, Spring Security, Jackson, Hikari, Hibernate, Flyway, the actuator, springdoc), and the floor's controller is
 * its one component: bench/bench.py measures its start, its resident set after start and its peak while it serves
 * the floor's requests, next to the service's. Its package is outside {@code io.sidedesk}, so the service never scans
 * it; the floor's controller is found by name.
 */
@SpringBootApplication(scanBasePackages = {"stackalone", "io.sidedesk.floor"})
public class StackAlone {

    public static void main(String[] args) {
        SpringApplication.run(StackAlone.class, args);
    }

    /** A filter chain that lets every request through: the floor's requests carry the service's credentials. */
    @Bean
    SecurityFilterChain openChain(HttpSecurity http) {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }
}

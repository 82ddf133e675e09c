package io.sidedesk.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sidedesk.Api;
import io.sidedesk.SidedeskApplication;
import io.sidedesk.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL going away and coming back, on a PostgreSQL this test owns (never the shared one): requests
 * fail fast with 503 and Retry-After, readiness is DOWN while liveness stays UP, and the service recovers
 * by itself once the database is back.
 */
class DatabaseOutageTests {

    private static final String EMAIL = "outage@sidedesk.test";
    private static final String TOKEN = "outage-admin-token-0123456789abcdef";

    private static Path data;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext service;
    private static Api api;

    @BeforeAll
    static void startDatabaseAndService() throws IOException {
        data = Files.createTempDirectory("sidedesk-outage");
        databasePort = freePort();
        postgres = startPostgres();
        // Command-line arguments: they win over application.properties (builder properties would not).
        service = new SpringApplicationBuilder(SidedeskApplication.class)
                .run(
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--sidedesk.admin.email=" + EMAIL,
                        "--sidedesk.admin.token=" + TOKEN,
                        "--sidedesk.rate-limits.enabled=false");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        api = Api.at(port).as(EMAIL, TOKEN);
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void withoutItsDatabaseTheServiceAnswers503FastStaysAliveAndRecoversByItself() throws Exception {
        assertThat(api.get("/api/v2/users/me").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);

        postgres.close();
        postgres = null;

        for (String path : new String[] {"/api/v2/users/me", "/api/v2/tickets"}) {
            long started = System.nanoTime();
            Api.Response refused = api.get(path);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("error").asString()).isEqualTo("ServiceUnavailable");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            // The pool waits 3 s for a connection; its default wait (30 s), or a dead socket (30 s), would not
            // be fast. The margin is for a slow machine.
            assertThat(took).as("fails fast").isLessThan(Duration.ofSeconds(20));
        }
        Api.Response write = api.post("/api/v2/tickets", Map.of("ticket", Map.of("comment", Map.of("body", "x"))));
        assertThat(write.status()).as(write.toString()).isEqualTo(503);
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);

        postgres = startPostgres();
        long back = System.nanoTime();
        int status = 0;
        // Recovering by itself is the point, not how soon: the minute only bounds a service that never does.
        while (Duration.ofNanos(System.nanoTime() - back).compareTo(Duration.ofSeconds(60)) < 0) {
            status = api.get("/api/v2/users/me").status();
            if (status == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(status).as("recovered by itself once the database is back").isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(databasePort)
                .setPGStartupWait(TestDatabase.POSTGRES_STARTUP)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

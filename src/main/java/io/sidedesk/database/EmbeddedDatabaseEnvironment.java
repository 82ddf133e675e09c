package io.sidedesk.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured, Sidedesk runs on an embedded PostgreSQL (real PostgreSQL binaries
 * shipped in the jar) whose data directory survives restarts. This runs while the environment is prepared, before any
 * bean exists: it starts the server and puts its URL and role into the environment, so that Spring Boot's own data
 * source connects to it as to any other database. The service connects as a non-superuser role that owns its
 * database, with a generated password ({@link EmbeddedDatabase}). The server stops after the last bean is destroyed.
 *
 * <p>The choice is made at every start, from the environment the service starts in, so that the same jar runs with or
 * without a configured database also when its beans were fixed at build time (Spring AOT, {@code jvm.options}): a
 * condition on a bean would be decided once, by the build's environment. Nothing is started while the build does that
 * processing.
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "sidedeskEmbeddedDatabase";

    private final Log log;

    public EmbeddedDatabaseEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedDatabaseEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
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
        log.info(String.format(
                "No datasource configured: started embedded PostgreSQL on port %d with its data in %s (loopback "
                        + "only, password authentication only, the passwords in %s there; set "
                        + "SPRING_DATASOURCE_URL to use your own database)",
                database.port(), database.dataDirectory(), EmbeddedDatabaseCredentials.FILE_NAME));
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

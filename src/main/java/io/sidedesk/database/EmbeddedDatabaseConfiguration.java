package io.sidedesk.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured, Sidedesk runs on an embedded PostgreSQL (real
 * PostgreSQL binaries shipped in the jar) whose data directory survives restarts. With a URL
 * configured this configuration does not exist and the embedded server is never started. The service
 * connects to it as a non-superuser role that owns its database, with a generated password
 * ({@link EmbeddedDatabase}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(
            @Value("${sidedesk.embedded-database.directory}") Path directory,
            @Value("${sidedesk.embedded-database.port}") int port)
            throws IOException, SQLException {
        EmbeddedDatabase database = EmbeddedDatabase.start(directory, port);
        log.info(
                "No datasource configured: started embedded PostgreSQL on port {} with its data in {} "
                        + "(loopback only, password authentication only, the passwords in {} there; "
                        + "set SPRING_DATASOURCE_URL to use your own database)",
                database.port(),
                database.dataDirectory(),
                EmbeddedDatabaseCredentials.FILE_NAME);
        return database;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(database.jdbcUrl())
                .username(database.credentials().role())
                .password(database.credentials().rolePassword())
                .build();
    }

    static class NoDatabaseConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}

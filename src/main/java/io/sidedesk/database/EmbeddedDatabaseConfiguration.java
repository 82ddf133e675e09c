package io.sidedesk.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
 * configured this configuration does not exist and the embedded server is never started.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${sidedesk.embedded-database.directory}") Path directory,
            @Value("${sidedesk.embedded-database.port}") int port) throws IOException {
        Path dataDirectory = Files.createDirectories(directory).toAbsolutePath();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("No datasource configured: started embedded PostgreSQL on port {} with its data in {} "
                + "(set SPRING_DATASOURCE_URL to use your own database)", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
            .type(HikariDataSource.class)
            .url(postgres.getJdbcUrl("postgres", "postgres"))
            .username("postgres")
            .password("")
            .build();
    }

    static class NoDatabaseConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}

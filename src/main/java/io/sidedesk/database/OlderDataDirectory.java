package io.sidedesk.database;

import java.io.IOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.sidedesk.database.EmbeddedDatabase.APPLICATION_DATABASE;
import static io.sidedesk.database.EmbeddedDatabase.PASSWORDS_ONLY;
import static io.sidedesk.database.EmbeddedDatabase.ensureApplicationDatabase;
import static io.sidedesk.database.EmbeddedDatabase.ensureApplicationRole;
import static io.sidedesk.database.EmbeddedDatabase.execute;
import static io.sidedesk.database.EmbeddedDatabase.exists;
import static io.sidedesk.database.EmbeddedDatabase.identifier;
import static io.sidedesk.database.EmbeddedDatabase.server;
import static io.sidedesk.database.EmbeddedDatabase.verifier;
import static io.sidedesk.database.EmbeddedDatabase.write;
import static io.sidedesk.database.EmbeddedDatabase.writeClientAuthentication;

/**
 * A data directory an older version left open (everyone trusted, Sidedesk's tables owned by the superuser),
 * hardened in place at its first start by this version: passwords, an application role that is no superuser,
 * and that role made the owner of the schema and of everything in it.
 */
final class OlderDataDirectory {

    private static final Logger log = LoggerFactory.getLogger(OlderDataDirectory.class);

    /** Where versions before the credentials file kept Sidedesk's tables, owned by the superuser. */
    static final String OLDER_VERSIONS_DATABASE = "postgres";

    // Older versions let anyone in (trust) for as long as they ran. This lets in the superuser alone, over
    // loopback, for the moments between starting such a data directory and giving the superuser a password.
    private static final String SUPERUSER_TRUSTED_UNTIL_MIGRATED = """
            # Written by Sidedesk while it gives the superuser of an older data directory a password;
            # replaced by password-only rules before the service uses the database.
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128      trust
            """;

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

    private OlderDataDirectory() {}

    /**
     * The credentials file is written last, as the mark that the migration is done: until then every start
     * comes here again (the superuser trusted again for a moment), and every step below may run twice.
     */
    static EmbeddedDatabase migrate(Path dataDirectory, int port) throws IOException, SQLException {
        EmbeddedDatabaseCredentials generated = EmbeddedDatabaseCredentials.generate(OLDER_VERSIONS_DATABASE);
        EmbeddedPostgres server = server(dataDirectory, port, generated)
                .setDataDirectoryCustomizer(ignored ->
                        write(() -> writeClientAuthentication(dataDirectory, SUPERUSER_TRUSTED_UNTIL_MIGRATED)))
                .start();
        EmbeddedDatabaseCredentials credentials;
        try {
            try (Connection superuser = server.getPostgresDatabase().getConnection()) {
                superuser.setAutoCommit(false);
                execute(
                        superuser,
                        "alter role " + identifier(EmbeddedDatabaseCredentials.SUPERUSER) + " password '"
                                + verifier(generated.superuserPassword()) + "'");
                // A data directory of this version whose credentials file was lost keeps using its own database.
                credentials = generated.inDatabase(
                        exists(superuser, "select 1 from pg_database where datname = ?", APPLICATION_DATABASE)
                                ? APPLICATION_DATABASE
                                : OLDER_VERSIONS_DATABASE);
                ensureApplicationRole(superuser, credentials);
                ensureApplicationDatabase(superuser, credentials);
                superuser.commit();
            }
            try (Connection superuser = server.getDatabase(
                            EmbeddedDatabaseCredentials.SUPERUSER, credentials.database())
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
        log.info(
                "Migrated the embedded PostgreSQL in {} to password authentication: the service now connects as "
                        + "{}, which owns database {} and is no superuser; the passwords are in {}",
                dataDirectory,
                credentials.role(),
                credentials.database(),
                EmbeddedDatabaseCredentials.FILE_NAME);
        return new EmbeddedDatabase(server, credentials, dataDirectory);
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
                        execute(
                                superuser,
                                "alter " + rows.getString(1) + " " + rows.getString(2) + " owner to "
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
}

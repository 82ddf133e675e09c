package io.sidedesk.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading columns of a row read by plain SQL (through JdbcClient) as the entities hold them. */
public final class Rows {

    private Rows() {}

    /** A {@code timestamptz} column as an Instant, or null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

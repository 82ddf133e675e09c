package io.sidedesk.directory;

import java.util.regex.Pattern;

import io.sidedesk.web.RecordInvalid;

/** The one email rule, whichever way a person is named (a user written, a ticket's requester by email). */
final class Emails {

    static final int MAX_LENGTH = 254;

    private static final Pattern EMAIL =
            Pattern.compile("^[^@\\s\"(),:;<>\\[\\]\\\\]+@[^@\\s\"(),:;<>\\[\\]\\\\]+\\.[A-Za-z0-9-]{2,}$");

    private Emails() {}

    /** The address, trimmed, if it is one; else a 422 naming the field. */
    static String valid(String given, String field) {
        if (given == null || given.isBlank()) {
            throw RecordInvalid.field(field, "is required");
        }
        String email = given.trim();
        if (email.length() > MAX_LENGTH) {
            throw RecordInvalid.field(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw RecordInvalid.field(field, "is not a valid email address");
        }
        return email;
    }

    /** What to tell someone who names a deactivated user's address. */
    static String deactivated(long userId) {
        return "belongs to a deactivated user (id " + userId + "); an admin reactivates them with PUT /api/v2/users/"
                + userId + " and {\"user\": {\"active\": true}}";
    }
}

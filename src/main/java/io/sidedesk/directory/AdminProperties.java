package io.sidedesk.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, created on a database that has none: {@code SIDEDESK_ADMIN_EMAIL},
 * {@code SIDEDESK_ADMIN_TOKEN} (an account-wide API token with exactly that value) and
 * {@code SIDEDESK_ADMIN_NAME}. Without a token, one is generated and logged once.
 */
@ConfigurationProperties("sidedesk.admin")
record AdminProperties(String email, String token, String name) {

    static final String DEFAULT_EMAIL = "admin@example.com";

    static final int MIN_TOKEN_LENGTH = 16;
}

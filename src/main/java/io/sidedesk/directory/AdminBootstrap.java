package io.sidedesk.directory;

import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

import io.sidedesk.access.ApiTokens;
import io.sidedesk.access.Role;

/** Creates the first admin and an account-wide API token on a database that has no admin. */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    // Any constant works: it only keeps two instances starting on one empty database from both bootstrapping.
    private static final long BOOTSTRAP_LOCK = 0x51DE_DE5CL;

    private final AdminProperties properties;
    private final UserRepository users;
    private final ApiTokens tokens;
    private final EntityManager entityManager;
    private final Environment environment;

    AdminBootstrap(
            AdminProperties properties,
            UserRepository users,
            ApiTokens tokens,
            EntityManager entityManager,
            Environment environment) {
        this.properties = properties;
        this.users = users;
        this.tokens = tokens;
        this.entityManager = entityManager;
        this.environment = environment;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String email =
                StringUtils.hasText(properties.email()) ? properties.email().trim() : AdminProperties.DEFAULT_EMAIL;
        String token =
                StringUtils.hasText(properties.token()) ? properties.token().trim() : null;
        if (token != null && token.length() < AdminProperties.MIN_TOKEN_LENGTH) {
            throw new IllegalStateException(
                    "SIDEDESK_ADMIN_TOKEN must be at least " + AdminProperties.MIN_TOKEN_LENGTH + " characters long");
        }
        entityManager
                .createNativeQuery("select pg_advisory_xact_lock(:key)")
                .setParameter("key", BOOTSTRAP_LOCK)
                .getSingleResult();
        // A native query, not the repository: a start on a database that has its admin, the usual one, makes no
        // repository before the service is ready (RepositoryInitialization makes them all then).
        boolean hasAdmin = (Boolean) entityManager
                .createNativeQuery("select exists (select 1 from users where role = :role)")
                .setParameter("role", Role.ADMIN.value())
                .getSingleResult();
        if (hasAdmin) {
            return;
        }
        if (users.findByEmailIgnoringCase(email).isPresent()) {
            throw new IllegalStateException("Cannot create the first admin: " + email
                    + " already belongs to a user who is not an admin; set SIDEDESK_ADMIN_EMAIL to another address");
        }
        String name = StringUtils.hasText(properties.name()) ? properties.name().trim() : "Administrator";
        User admin = users.save(new User(name, email, Role.ADMIN));
        if (token != null) {
            tokens.register(token, null, "Bootstrap token (SIDEDESK_ADMIN_TOKEN)");
            log.info("Created the first admin {} with the API token given in SIDEDESK_ADMIN_TOKEN", admin.getEmail());
            return;
        }
        String generated = tokens.issue(null, "Bootstrap token (generated)").value();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info(
                "Created the first admin {} with API token {} (shown once). Try: curl -u '{}/token:{}' "
                        + "http://localhost:{}/api/v2/users/me.json",
                admin.getEmail(),
                generated,
                admin.getEmail(),
                generated,
                port);
    }
}

package io.sidedesk.settings;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.ApiTestSupport;
import io.sidedesk.StatementCounter;
import io.sidedesk.web.ConfigVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept configuration (issue 26) outside a request, where the version is read at each ask (the router, a job's
 * items): never a session's copy of the settings row kept at a later version, and never a value a transaction saw and
 * then rolled back (found by the independent review).
 */
class KeptSettingsTests extends ApiTestSupport {

    @Autowired
    private Settings settings;

    @Autowired
    private ConfigVersion versions;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private PlatformTransactionManager manager;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private StatementCounter statements;

    /** Outside a request the version is read once per transaction, however many kept values the transaction asks. */
    @Test
    void outsideARequestATransactionReadsTheVersionOnceHoweverManyValuesItAsks() {
        settings.sideConversations(); // kept at the current version
        long counted = transactions.execute(status -> {
            long before = statements.prepared();
            settings.sideConversations();
            settings.routing();
            settings.sideConversations();
            return statements.prepared() - before;
        });
        assertThat(counted).isEqualTo(1);
    }

    /**
     * As the router or a job's item does (no request: the version is read at each ask), a transaction reads the
     * settings twice; between the two, another instance changes them. The second read reloads through
     * findById, which answers from the transaction's persistence context (the row as it was), re-reads the
     * version (the new one) and keeps the old settings at the new version, for every later request.
     */
    @Test
    void aBackgroundTransactionNeverKeepsSettingsItsPersistenceContextHeldBeforeAChange() {
        boolean before = jdbc.queryForObject("select tickets_channel from account_settings", Boolean.class);
        TransactionTemplate elsewhere = new TransactionTemplate(manager);
        elsewhere.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        try {
            jdbc.update("update triggers set position = position where false"); // the kept settings are now stale
            transactions.executeWithoutResult(status -> {
                assertThat(settings.sideConversations().ticketsChannel()).isEqualTo(before); // row now managed
                elsewhere.executeWithoutResult(other ->
                        jdbc.update("update account_settings set tickets_channel = ?", !before)); // committed: V+1
                settings.sideConversations(); // V+1: reloads from the persistence context, keeps it at V+1
            });
            assertThat(settings.sideConversations().ticketsChannel())
                    .as("the settings at the current version are the database's")
                    .isEqualTo(!before);
        } finally {
            jdbc.update("update account_settings set tickets_channel = ?", before);
        }
    }

    /**
     * Outside a request, a transaction that changes a table and then asks reads its own uncommitted bump (V+1) and
     * keeps its uncommitted value at V+1; it rolls back, so the next committed change is V+1 again.
     */
    @Test
    void aValueSeenByATransactionThatRolledBackIsNeverKept() {
        ConfigVersion.Kept<Boolean> channel =
                versions.keep(() -> jdbc.queryForObject("select tickets_channel from account_settings", Boolean.class));
        boolean before = channel.get();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.update("update account_settings set tickets_channel = ?", !before);
                assertThat(channel.get()).isEqualTo(!before);
                status.setRollbackOnly();
            });
            jdbc.update("update account_settings set updated_at = updated_at"); // commits the same version number
            assertThat(channel.get()).isEqualTo(before);
        } finally {
            jdbc.update("update account_settings set tickets_channel = ?", before);
        }
    }
}

package io.sidedesk;

import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the tests of rows read or written through JdbcClient stand on (issue 26): the ORM's load of an entity to hold
 * them to ({@link #loaded}), JdbcClient, and the side conversation suites' setup (child tickets on, settings back to
 * their defaults).
 */
public abstract class RowTestSupport extends SideConversationTestSupport {

    @Autowired
    private EntityManager entityManager;

    @Autowired
    protected TransactionTemplate transactions;

    @Autowired
    protected JdbcClient jdbc;

    /** The entity as the ORM loads it, in a transaction of its own. */
    protected <T> T loaded(Class<T> type, Object id) {
        return transactions.execute(status -> entityManager.find(type, id));
    }
}

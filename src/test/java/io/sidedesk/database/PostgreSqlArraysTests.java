package io.sidedesk.database;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.ApiTestSupport;
import io.sidedesk.ticket.Ticket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket's array columns bind through {@link PostgreSqlArrays}' type, which the ORM picked up from its service
 * registration in place of the dialect's: the tests that write and read tags, followers and CCs then prove that it
 * binds them as the dialect did.
 */
class PostgreSqlArraysTests extends ApiTestSupport {

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Test
    void theTicketsArrayColumnsBindThroughTheArrayTypeThatRemembersItsElementTypeName() {
        var ticket = entityManagerFactory
                .unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel()
                .getEntityDescriptor(Ticket.class);
        for (String column : new String[] {"tags", "followerIds", "emailCcIds"}) {
            assertThat(ticket.findAttributeMapping(column)
                            .getSingleJdbcMapping()
                            .getJdbcType())
                    .as(column)
                    .isInstanceOf(PostgreSqlArrays.ArrayType.class);
        }
    }
}

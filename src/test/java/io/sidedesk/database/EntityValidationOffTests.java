package io.sidedesk.database;

import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.boot.beanvalidation.BeanValidationEventListener;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ORM as configured: no Bean Validation of entities (none carries a constraint: {@link EntityConstraintsTests})
 * and, as with it on, no not-null check of Hibernate's own before each write.
 */
class EntityValidationOffTests extends ApiTestSupport {

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Test
    void hibernateNeitherValidatesEntitiesNorChecksNullability() {
        SessionFactoryImplementor factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        for (EventType<?> type :
                List.of(EventType.PRE_INSERT, EventType.PRE_UPDATE, EventType.PRE_DELETE, EventType.PRE_UPSERT)) {
            assertThat(factory.getEventListenerRegistry()
                            .getEventListenerGroup(type)
                            .listeners())
                    .as(type.eventName())
                    .noneMatch(BeanValidationEventListener.class::isInstance);
        }
        assertThat(factory.getSessionFactoryOptions().isCheckNullability()).isFalse();
    }
}

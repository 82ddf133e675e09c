package io.sidedesk.web;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import jakarta.validation.Validator;
import org.hibernate.boot.beanvalidation.BeanValidationEventListener;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bean validation is the API's: request bodies are validated whole, nested members too, with every property
 * reachable (ScheduleApiTests, for one, refuses an interval's missing member by its path), and the ORM does not
 * validate entities ({@code jakarta.persistence.validation.mode=none}), which is sound only while no entity
 * carries a constraint. Its own not-null check stays off, as it was while bean validation ran.
 */
class BeanValidationTests extends ApiTestSupport {

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Autowired
    private Validator validator;

    @Test
    void noEntityCarriesAConstraint_soTheOrmHasNothingToValidate() {
        var entities = entityManagerFactory.getMetamodel().getEntities();
        assertThat(entities).hasSizeGreaterThan(10);
        for (EntityType<?> entity : entities) {
            assertThat(validator.getConstraintsForClass(entity.getJavaType()).isBeanConstrained())
                    .as("%s carries a bean validation constraint, which the ORM would not check", entity.getName())
                    .isFalse();
        }
    }

    @Test
    void theOrmNeitherValidatesEntitiesNorChecksTheirNulls() {
        var sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        var listeners = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        for (var type : java.util.List.of(EventType.PRE_INSERT, EventType.PRE_UPDATE, EventType.PRE_UPSERT)) {
            assertThat(listeners.getEventListenerGroup(type).listeners())
                    .as("%s", type)
                    .noneMatch(BeanValidationEventListener.class::isInstance);
        }
        assertThat(sessionFactory.getSessionFactoryOptions().isCheckNullability())
                .isFalse();
    }
}

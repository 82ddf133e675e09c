package io.sidedesk.database;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * How Spring Data reads the repositories' declared queries ({@code @Query}): by pattern, as it does native SQL. By
 * default it parses each JPQL query with a grammar of its own (Hibernate's HQL, some 330 classes loaded in every
 * start), which it needs only to add a sort or a count to a query, or to rewrite its select for a class-based
 * projection: no repository here asks for any of these (no declared query takes a {@code Sort} or a {@code Pageable},
 * the one projection is an interface). Hibernate still parses and checks every declared query when its repository is
 * made ({@link RepositoryInitialization}), so a query that does not hold fails as before.
 */
@Configuration(proxyBeanMethods = false)
class DeclaredQueries {

    static final QueryEnhancerSelector BY_PATTERN = query -> QueryEnhancerFactories.fallback();

    @Bean
    static BeanPostProcessor declaredQueriesByPattern() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof JpaRepositoryFactoryBean<?, ?, ?> repositories) {
                    repositories.setQueryEnhancerSelectorSource(BY_PATTERN);
                }
                return bean;
            }
        };
    }
}

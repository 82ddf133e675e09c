package io.sidedesk.database;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * How Spring Data reads the repositories' declared queries ({@code @Query}): by pattern, as it reads native SQL here.
 * By default it parses each JPQL query with a grammar of its own (an HQL parser of some 300 classes, loaded in every
 * start and kept in the class data sharing archive), which it needs to add a sort or a count to a query, to rewrite
 * its select for a class-based projection, and to find a query's alias and select list. No declared query here takes
 * a {@code Sort}, a {@code Pageable} or a scroll position, none returns a class-based projection
 * ({@link DeclaredQueriesTests} holds both), and for the one interface projection the pattern reads what the parser
 * did (a select list of aliases: rows read as tuples). Hibernate still parses and checks every JPQL query when its
 * repository is made ({@link RepositoryInitialization}), so a query that does not hold fails as before.
 */
@Configuration(proxyBeanMethods = false)
class DeclaredQueries {

    private static final QueryEnhancerSelector BY_PATTERN = query -> QueryEnhancerFactories.fallback();

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

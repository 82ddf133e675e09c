package io.sidedesk.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every transactional proxy calls {@link TransactionConfiguration.OneManagerInterceptor}: the advisor that Spring's
 * proxies are made from holds it, with Spring's attribute source. It answers as Spring's own interceptor does, for
 * classes with and without a qualifier and attributes with and without one, in a context with one manager and in one
 * with two. The whole suite's writes prove that the proxies still begin, join, commit and roll back as before.
 */
class TransactionConfigurationTests extends ApiTestSupport {

    @Autowired
    private BeanFactoryTransactionAttributeSourceAdvisor advisor;

    @Autowired
    private TransactionAttributeSource attributes;

    @Autowired
    private TransactionManager manager;

    @Test
    void theProxiesInterceptorIsTheOneThatSkipsTheClassesQualifierAndAnswersWithTheOneManager() {
        assertThat(advisor.getAdvice()).isInstanceOf(TransactionConfiguration.OneManagerInterceptor.class);
        var interceptor = (TransactionConfiguration.OneManagerInterceptor) advisor.getAdvice();
        assertThat(interceptor.getTransactionAttributeSource()).isSameAs(attributes);
        assertThat(manager).isInstanceOf(JpaTransactionManager.class);

        assertThat(interceptor.determineTransactionManager(new DefaultTransactionAttribute(), Unqualified.class))
                .isSameAs(manager);
        assertThat(interceptor.determineTransactionManager(new DefaultTransactionAttribute(), QualifiedOther.class))
                .isSameAs(manager);
    }

    @Test
    void itAnswersAsSpringsInterceptorWithOneManagerAndWithTwo() {
        for (int managers = 1; managers <= 2; managers++) {
            DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
            RootBeanDefinition first = manager();
            first.setPrimary(true);
            factory.registerBeanDefinition("first", first);
            if (managers == 2) {
                factory.registerBeanDefinition("other", manager());
            }
            var ours = new TransactionConfiguration.OneManagerInterceptor();
            var springs = new SpringsInterceptor();
            for (TransactionInterceptor interceptor : new TransactionInterceptor[] {ours, springs}) {
                interceptor.setTransactionAttributeSource(new AnnotationTransactionAttributeSource());
                interceptor.setBeanFactory(factory);
            }
            DefaultTransactionAttribute named = new DefaultTransactionAttribute();
            named.setQualifier("first");
            for (TransactionAttribute attribute :
                    new TransactionAttribute[] {new DefaultTransactionAttribute(), named}) {
                for (Class<?> target : new Class<?>[] {Unqualified.class, QualifiedOther.class, null}) {
                    assertThat(ours.determineTransactionManager(attribute, target))
                            .as("%d managers, %s, %s", managers, attribute.getQualifier(), target)
                            .isSameAs(springs.manager(attribute, target));
                }
            }
            if (managers == 2) {
                // Spring's scan found the class's qualifier: ours did it too.
                assertThat(ours.determineTransactionManager(new DefaultTransactionAttribute(), QualifiedOther.class))
                        .isSameAs(factory.getBean("other"));
            }
        }
    }

    private static RootBeanDefinition manager() {
        return new RootBeanDefinition(
                JdbcTransactionManager.class, () -> new JdbcTransactionManager(new DriverManagerDataSource()));
    }

    private static final class SpringsInterceptor extends TransactionInterceptor {

        TransactionManager manager(TransactionAttribute attribute, Class<?> target) {
            return determineTransactionManager(attribute, target);
        }
    }

    static class Unqualified {}

    @Qualifier("other")
    static class QualifiedOther {}
}

package io.sidedesk.web;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Spring's transaction interceptor, without a look-up that cannot change its answer. Before each call through a
 * transactional proxy, Spring Framework 7's interceptor looks for a {@code @Qualifier} on the target class by an
 * annotation scan it does not cache ({@code TransactionAspectSupport.determineTransactionManager}): 1.1% of a mirrored
 * reply's request threads and 1.7% of a child comment's (issue 26). With one transaction manager in the context, as
 * here, a class's qualifier can name no other (Spring falls back to the default when it names none), so the scan is
 * skipped; the rest of Spring's look-up (an attribute's qualifier, the configured manager, its cache) is kept, and a
 * context with several managers gets all of it.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    /**
     * Puts {@link OneManagerInterceptor} in place of Spring's interceptor, with its attribute source and manager
     * (Spring's configuration sets no manager bean name). The replacing post-processor is added to the bean factory
     * before any bean is made, as Spring's configuration classes add theirs ({@code ConfigurationClassPostProcessor}):
     * the auto-proxy creator makes the interceptor while the post-processors are still being made, before one declared
     * as a bean would be in place.
     */
    @Bean
    static BeanFactoryPostProcessor oneTransactionManager() {
        return factory -> factory.addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean.getClass() != TransactionInterceptor.class) {
                    return bean;
                }
                TransactionInterceptor spring = (TransactionInterceptor) bean;
                OneManagerInterceptor interceptor = new OneManagerInterceptor();
                interceptor.setTransactionAttributeSource(spring.getTransactionAttributeSource());
                interceptor.setTransactionManager(spring.getTransactionManager());
                interceptor.setBeanFactory(factory);
                interceptor.afterPropertiesSet();
                return interceptor;
            }
        });
    }

    /**
     * Spring's interceptor, which looks for a class's {@code @Qualifier} only when the context has more than one
     * transaction manager (with one, a class's qualifier could name no other): the rest of Spring's look-up is kept.
     */
    static final class OneManagerInterceptor extends TransactionInterceptor {

        private volatile Boolean oneManager;

        @Override
        protected TransactionManager determineTransactionManager(TransactionAttribute attribute, Class<?> targetClass) {
            return super.determineTransactionManager(attribute, oneManager() ? null : targetClass);
        }

        private boolean oneManager() {
            Boolean one = oneManager;
            if (one == null) {
                one = ((ListableBeanFactory) getBeanFactory()).getBeanNamesForType(TransactionManager.class).length
                        == 1;
                oneManager = one;
            }
            return one;
        }
    }
}

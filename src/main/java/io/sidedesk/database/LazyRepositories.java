package io.sidedesk.database;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.repository.Repository;

/**
 * Spring Data's lazy repositories ({@code spring.data.jpa.repositories.bootstrap-mode=lazy}) where the service runs
 * with the beans Spring AOT fixed at build time ({@code jvm.options}). Without AOT, Spring Data gives each injection
 * point of a lazy repository a proxy that makes the repository on first use, as it reads the configuration; with AOT
 * that reading happened at build time and leaves no such proxy, so every bean that takes a repository would make it
 * during the start. This gives those injection points the same proxies, and {@link RepositoryInitialization} makes
 * the repositories once the service is ready, as without AOT. Registered in {@code META-INF/spring.factories}.
 */
public class LazyRepositories implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        if (AotDetector.useGeneratedArtifacts()) {
            // After the AOT initializer, which sets Spring's plain resolver: at the refresh, before the beans that take
            // repositories are made.
            context.addBeanFactoryPostProcessor(
                    beans -> ((DefaultListableBeanFactory) beans).setAutowireCandidateResolver(new Resolver(beans)));
        }
    }

    /** Spring's resolver, and lazy for a repository whose bean is lazy, as Spring Data's own. */
    private static final class Resolver extends ContextAnnotationAutowireCandidateResolver {

        private final ConfigurableListableBeanFactory beans;

        Resolver(ConfigurableListableBeanFactory beans) {
            this.beans = beans;
        }

        @Override
        protected boolean isLazy(DependencyDescriptor descriptor) {
            return super.isLazy(descriptor) || lazyRepository(descriptor.getDependencyType());
        }

        private boolean lazyRepository(Class<?> type) {
            if (!Repository.class.isAssignableFrom(type)) {
                return false;
            }
            String[] names = beans.getBeanNamesForType(type, true, false);
            return names.length == 1
                    && beans.containsBeanDefinition(names[0])
                    && beans.getBeanDefinition(names[0]).isLazyInit();
        }
    }
}

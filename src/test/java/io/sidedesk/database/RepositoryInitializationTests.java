package io.sidedesk.database;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.repository.Repository;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repositories are made on first use, so that a start does not wait for them, and all of them as soon as the
 * service is ready ({@link RepositoryInitialization}): every declared query is parsed and checked then, as the start
 * did before, and a query that does not hold fails this test.
 */
class RepositoryInitializationTests extends ApiTestSupport {

    @Autowired
    private ConfigurableApplicationContext context;

    @Autowired
    private RepositoryInitialization initialization;

    @Test
    void everyRepositoryIsMadeLazilyAndAllOfThemOnceTheServiceIsReady() throws Exception {
        String[] repositories = context.getBeanNamesForType(Repository.class);
        assertThat(repositories).isNotEmpty();
        for (String name : repositories) {
            assertThat(context.getBeanFactory().getBeanDefinition(name).isLazyInit())
                    .as("%s is made on first use", name)
                    .isTrue();
        }
        // A bound on a hang, not a measure of speed: the thread has nothing to wait for.
        assertThat(initialization.made().get(5, TimeUnit.MINUTES)).isEqualTo(repositories.length);
    }
}

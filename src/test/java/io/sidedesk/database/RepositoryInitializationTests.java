package io.sidedesk.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.repository.Repository;

import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repositories are made on first use, so that a start does not wait for them, and all of them as soon as the
 * service is ready ({@link RepositoryInitialization}): every declared query is parsed and checked then, as the start
 * did before, and a query that does not hold fails this test.
 */
class RepositoryInitializationTests extends ApiTestSupport {

    // A bound on a hang, not a measure of speed: the thread has nothing to wait for.
    private static final long HANG = 5;

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
        assertThat(initialization.made().get(HANG, TimeUnit.MINUTES)).isEqualTo(repositories.length);
    }

    /** A repository that cannot be made. */
    static final class Broken implements Repository<Object, Long> {
        Broken() {
            throw new IllegalStateException("a query that does not hold");
        }
    }

    /** One that can. */
    static final class Sound implements Repository<Object, Long> {}

    @Test
    void aRepositoryThatCannotBeMadeIsReportedAndTheServiceRefusesTraffic() {
        List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
        try (GenericApplicationContext app = new GenericApplicationContext()) {
            for (Class<?> type : List.of(Broken.class, Sound.class)) {
                RootBeanDefinition definition = new RootBeanDefinition(type);
                definition.setLazyInit(true);
                app.registerBeanDefinition(type.getSimpleName(), definition);
            }
            app.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                if (event.getState() instanceof ReadinessState state) {
                    readiness.add(state);
                }
            });
            app.refresh();
            RepositoryInitialization made = new RepositoryInitialization();
            made.onReady(new ApplicationReadyEvent(new SpringApplication(), new String[0], app, Duration.ZERO));

            assertThatThrownBy(() -> made.made().get(HANG, TimeUnit.MINUTES))
                    .isInstanceOf(ExecutionException.class)
                    .rootCause()
                    .hasMessage("a query that does not hold");
            assertThat(readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC);
            assertThat(app.getBeanFactory().containsSingleton("Sound"))
                    .as("the one after it is made")
                    .isTrue();
        }
    }
}

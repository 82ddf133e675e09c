package io.sidedesk.database;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

/**
 * Spring Data's repositories are made on first use ({@code spring.data.jpa.repositories.bootstrap-mode=lazy}, which
 * also has Spring Boot build the ORM's factory on a thread of its own while the rest of the context starts): making
 * them parses and checks their declared queries, about a second of a start on two cores, which the start no longer
 * waits for. As soon as the service is ready, this makes them all on a thread of its own, so that the first requests
 * after a start seldom make one themselves (while one is being made, a request that needs a bean made waits for it).
 * A repository that cannot be made (a query that does not hold) is logged as an error and the service refuses traffic
 * (readiness), as a start that failed would have; the tests make every repository (RepositoryInitializationTests).
 */
@Component
class RepositoryInitialization {

    private static final Logger log = LoggerFactory.getLogger(RepositoryInitialization.class);

    private final CompletableFuture<Integer> made = new CompletableFuture<>();

    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        ConfigurableApplicationContext context = ready.getApplicationContext();
        Thread thread = new Thread(() -> makeAll(context), "repositories-init");
        thread.setDaemon(true);
        thread.start();
    }

    private void makeAll(ConfigurableApplicationContext context) {
        RuntimeException failed = null;
        int count = 0;
        for (String name : context.getBeanNamesForType(Repository.class, true, false)) {
            if (context.isClosed()) {
                made.cancel(false); // a context closed meanwhile (tests): nothing more to make
                return;
            }
            try {
                context.getBean(name);
                count++;
            } catch (RuntimeException e) {
                if (context.isClosed()) {
                    made.cancel(false);
                    return;
                }
                log.error("Repository {} could not be made", name, e);
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            made.completeExceptionally(failed);
        } else {
            log.info("Made all the repositories ({})", count);
            made.complete(count);
        }
    }

    /** The number of repositories made, once all are. */
    CompletableFuture<Integer> made() {
        return made;
    }
}

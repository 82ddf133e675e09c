package io.sidedesk.database;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

/**
 * Spring Data's repositories are made on first use ({@code spring.data.jpa.repositories.bootstrap-mode=lazy}):
 * making them parses and checks their declared queries, about a second of a start on two cores, which the start no
 * longer waits for. As soon as the service is ready, this makes them all on a thread of its own, so that the first
 * requests after a start seldom make one themselves (a request that needs one being made waits for it). A query that
 * does not hold is logged here, as an error, once the service is up; the tests make every repository
 * (RepositoryInitializationTests).
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
        try {
            made.complete(context.getBeansOfType(Repository.class).size());
        } catch (RuntimeException e) {
            if (context.isActive()) { // not a context closed meanwhile
                log.error("A repository could not be made", e);
            }
            made.completeExceptionally(e);
        }
    }

    /** The number of repositories made, once all are. */
    CompletableFuture<Integer> made() {
        return made;
    }
}

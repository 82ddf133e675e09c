package io.sidedesk.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.job.JobQueue.Claimed;
import io.sidedesk.web.Problems;
import io.sidedesk.web.Rounds;

/**
 * Runs due jobs: woken after each commit that queued one on this instance, and every {@code poll-interval} for the jobs
 * of instances that died (their lease ran out) and to delete finished jobs past their retention. A round on the claims
 * thread hands each job claimed to one of {@code workers} threads, which runs its items in order, each in a
 * transaction of its own that also writes the item's result and renews the lease. At shutdown the item under way is
 * finished and nothing more is started; the job is resumed after its lease, here or elsewhere.
 */
@Component
class JobRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    static final String INACTIVE_CREATOR = "The job's creator is no longer active";

    private final JobQueue queue;
    private final ObjectProvider<JobWork> workProvider;
    private final ActorLookup actors;
    private final TransactionTemplate transactions;
    private final JobProperties properties;
    private final AtomicInteger busy = new AtomicInteger();
    private final ExecutorService workers;
    private final Rounds rounds = new Rounds("job-claims", this::claimAndHandOut);
    private volatile Map<String, JobWork> works;
    private volatile boolean stopping;

    JobRunner(
            JobQueue queue,
            ObjectProvider<JobWork> works,
            ActorLookup actors,
            PlatformTransactionManager transactionManager,
            JobProperties properties) {
        this.queue = queue;
        this.workProvider = works;
        this.actors = actors;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.workers(), task -> {
            Thread thread = new Thread(task, "job-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A round of claiming soon, on the claims thread. */
    void wake() {
        rounds.wake();
    }

    @Scheduled(
            fixedDelayString = "${sidedesk.jobs.poll-interval:10s}",
            initialDelayString = "${sidedesk.jobs.poll-interval:10s}")
    void poll() {
        deleteFinished();
        wake();
    }

    /**
     * Deletes the finished jobs past their retention, then runs every job due now on the caller's thread, until none
     * is: how many jobs were run (to their end, or until they could not go on). The tests' way to resume jobs at the
     * moment they choose (with the service's clock moved past a lease).
     */
    int runDue() {
        deleteFinished();
        int ran = 0;
        Claimed job;
        while (!stopping && (job = queue.claim(works().keySet())) != null) {
            run(job);
            ran++;
        }
        return ran;
    }

    private void deleteFinished() {
        int deleted = queue.deleteFinished();
        if (deleted > 0) {
            log.info("Deleted {} jobs finished more than {} ago", deleted, properties.retention());
        }
    }

    /** Claims a job for each free worker and hands it over; a finished job wakes the next round. */
    private void claimAndHandOut() {
        while (!stopping && busy.get() < properties.workers()) {
            Claimed job = queue.claim(works().keySet());
            if (job == null) {
                return;
            }
            busy.incrementAndGet();
            try {
                workers.execute(() -> {
                    try {
                        run(job);
                    } catch (RuntimeException e) {
                        log.warn(
                                "Job {} stopped on an error (it is resumed after its lease): {}",
                                job.id(),
                                e.toString());
                    } finally {
                        busy.decrementAndGet();
                        if (!stopping) {
                            wake();
                        }
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                busy.decrementAndGet();
                return;
            }
        }
    }

    /** The job's items without a result, in order; then completed. Returns early when it cannot go on here. */
    private void run(Claimed job) {
        JobWork work = works().get(job.type());
        Set<Integer> done = queue.done(job.id());
        for (int index = 0; index < job.items().length; index++) {
            if (done.contains(index)) {
                continue; // done before this claim: never run twice
            }
            if (stopping) {
                return;
            }
            Actor creator = actors.activeByIds(List.of(job.creatorId())).get(job.creatorId());
            if (creator == null) {
                transactions.executeWithoutResult(status -> queue.failRemaining(job, "Forbidden", INACTIVE_CREATOR));
                return;
            }
            if (!runItem(job, work, creator, index)) {
                return;
            }
        }
        queue.complete(job);
    }

    /** One item, in a transaction of its own with its result; false when the job cannot go on here. */
    private boolean runItem(Claimed job, JobWork work, Actor creator, int index) {
        long itemId = job.items()[index];
        try {
            Boolean held = transactions.execute(status -> {
                if (!queue.hold(job)) {
                    return false;
                }
                actingAs(creator, () -> work.run(creator, job.payload(), itemId));
                return queue.succeeded(job, index);
            });
            return Boolean.TRUE.equals(held);
        } catch (RuntimeException failure) {
            if (Problems.isDatabaseUnavailable(failure)) {
                log.warn(
                        "Job {} stopped at item {}: the database is unavailable (it is resumed after its lease): {}",
                        job.id(),
                        itemId,
                        failure.toString());
                return false;
            }
            ItemFailure outcome = ItemFailure.of(failure);
            if (outcome.unexpected()) {
                log.error("Job {} ({}) failed on item {} unexpectedly", job.id(), job.type(), itemId, failure);
            }
            return Boolean.TRUE.equals(
                    transactions.execute(status -> queue.failed(job, index, outcome.error(), outcome.description())));
        }
    }

    /** The work runs as the creator, as their own request would: triggers and metrics read the acting user. */
    private static void actingAs(Actor actor, Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext acting = SecurityContextHolder.createEmptyContext();
        acting.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                actor,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()))));
        SecurityContextHolder.setContext(acting);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** The kinds of job this instance runs, by type (read once: the beans may depend on {@link Jobs}). */
    private Map<String, JobWork> works() {
        Map<String, JobWork> known = works;
        if (known == null) {
            Map<String, JobWork> byType = new HashMap<>();
            workProvider.orderedStream().forEach(work -> {
                JobWork other = byType.putIfAbsent(work.type(), work);
                if (other != null) {
                    throw new IllegalStateException("Two kinds of job of type " + work.type());
                }
            });
            works = known = Map.copyOf(byType);
        }
        return known;
    }

    /** No job is claimed from now on; the items under way are finished (their jobs resumed after their lease). */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        rounds.close();
        workers.shutdown();
        if (!workers.awaitTermination(properties.lease().toSeconds(), TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}

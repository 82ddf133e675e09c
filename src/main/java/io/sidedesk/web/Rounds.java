package io.sidedesk.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work done in rounds on a thread of its own (sending the outbox's emails, routing the queue): a round
 * runs soon after {@link #wake()} (after a commit that gave it work, or on a timer), and wakes while one round waits
 * to start make no other. A round that fails is logged; the next wake tries again.
 */
public final class Rounds implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Rounds.class);

    private final String name;
    private final Runnable round;
    private final ExecutorService thread;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();

    public Rounds(String name, Runnable round) {
        this.name = name;
        this.round = round;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(task, name);
            worker.setDaemon(true);
            return worker;
        });
    }

    /** A round soon, on the thread. */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    running.incrementAndGet();
                    woken.set(false);
                    try {
                        round.run();
                    } catch (RuntimeException e) {
                        log.warn(
                                "A round of {} stopped on an error; the next round tries again: {}",
                                name,
                                e.toString());
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                woken.set(false);
            }
        }
    }

    /** Whether a round is waiting to start: something gave the job work since the current round began. */
    public boolean pending() {
        return woken.get();
    }

    /** Whether no round runs or waits to start: everything that woke it has been looked at (for tests). */
    public boolean idle() {
        return !woken.get() && running.get() == 0;
    }

    /** Stops the thread (at shutdown): a round under way is interrupted, none starts. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}

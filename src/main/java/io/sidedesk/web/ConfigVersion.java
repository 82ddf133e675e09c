package io.sidedesk.web;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The version of the account's configuration that every write reads: account settings, active triggers, SLA policies
 * and webhooks. PostgreSQL bumps it in the transaction of every change to them (migration V24), whoever makes it, so a
 * value kept in memory at a version is the configuration for as long as that version is current, on every instance.
 *
 * <p>Authentication's one statement reads the version ({@link #COLUMN}) and the request keeps it: every value the
 * request asks for is the one kept at that version, read anew (and kept) when it is not, so a change is in force at
 * the next request on every instance, as if nothing were kept, and a write costs no statement to read what has not
 * changed. Work outside a request (routers, jobs) reads the version once per transaction. A request that changes the
 * configuration ({@link #changing()}) reads every value anew for the rest of it.
 */
@Component
public class ConfigVersion {

    /** The column authentication's statement selects; its value goes to {@link #read(long)}. */
    public static final String COLUMN = "(select version from config_version) as config_version";

    private static final String ATTRIBUTE = ConfigVersion.class.getName();

    private static final Object TRANSACTION_KEY = new Object();

    /** The request changes the configuration: nothing kept serves it. */
    private static final long CHANGING = -1;

    private final JdbcClient jdbc;

    ConfigVersion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Authentication read this version: the request's values are of it. */
    public static void read(long version) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) == null) {
            request.setAttribute(ATTRIBUTE, version, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The current request changes the configuration: what it reads of it from now on is read anew, not kept. */
    public static void changing() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, CHANGING, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** A value of the configuration, kept at the version it was read at. */
    public <T> Kept<T> keep(Supplier<T> load) {
        return new Kept<>(this, load);
    }

    /**
     * The request's version; outside a request (routers, jobs), the version as the transaction first read it, so that
     * it costs one statement however many values the transaction asks for (and none of them changes under it).
     */
    private long current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object version = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (version != null) {
            return (Long) version;
        }
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? TransactionScoped.get(TRANSACTION_KEY, this::readNow)
                : readNow();
    }

    private long readNow() {
        return jdbc.sql("select version from config_version").query(Long.class).single();
    }

    /** A value kept at a version: thread-safe, and immutable values only. */
    public static final class Kept<T> {

        private final ConfigVersion versions;
        private final Supplier<T> load;
        private volatile Entry<T> entry;

        private Kept(ConfigVersion versions, Supplier<T> load) {
            this.versions = versions;
            this.load = load;
        }

        /** The value at the current version: kept, or read now. */
        public T get() {
            long version = versions.current();
            if (version == CHANGING) {
                return load.get();
            }
            Entry<T> kept = entry;
            if (kept != null && kept.version() == version) {
                return kept.value();
            }
            T value = load.get();
            // Kept only if nothing changed between the version's read and the value's: the version is read again.
            if (versions.readNow() == version) {
                entry = new Entry<>(version, value);
            }
            return value;
        }
    }

    private record Entry<T>(long version, T value) {}
}

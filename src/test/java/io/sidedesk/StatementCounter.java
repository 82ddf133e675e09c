package io.sidedesk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements the service prepares, through Hibernate or plain JDBC alike: the tests' data source
 * is the service's, wrapped so that every {@code prepareStatement} and {@code createStatement} on its
 * connections is counted (the wrapper is a {@link DelegatingDataSource}, which Spring Boot unwraps where it
 * needs the pool itself). One count per application context, so that another cached context's work is not.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

    /** How many of the latest statements' SQL is kept, for a test to read what one request ran. */
    private static final int KEPT = 500;

    private final AtomicLong prepared = new AtomicLong();

    private final Deque<String> latest = new ArrayDeque<>(); // guarded by itself, with prepared's increments

    /** Statements prepared since the context started (a test reads it before and after a request). */
    public long prepared() {
        return prepared.get();
    }

    /** How many statements were prepared since a count, and their SQL in order (the latest {@value #KEPT} at most). */
    public record Window(long count, List<String> sql) {}

    /**
     * The statements prepared after {@link #prepared()} answered {@code mark}: their count and their SQL, read
     * together (at most the latest {@value #KEPT}). Requests run one at a time, but the service's own threads (the
     * senders, the jobs) may add theirs.
     */
    public Window since(long mark) {
        synchronized (latest) {
            long count = prepared.get() - mark;
            return new Window(
                    count,
                    latest.stream().skip(Math.max(0, latest.size() - count)).toList());
        }
    }

    private void record(String sql) {
        synchronized (latest) {
            prepared.incrementAndGet();
            latest.addLast(sql == null ? "" : sql);
            if (latest.size() > KEPT) {
                latest.removeFirst();
            }
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Counting)
                ? new Counting(dataSource, this)
                : bean;
    }

    static final class Counting extends DelegatingDataSource {

        private final StatementCounter counter;

        Counting(DataSource target, StatementCounter counter) {
            super(target);
            this.counter = counter;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password));
        }

        private Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")
                                || method.getName().equals("createStatement")
                                || method.getName().equals("prepareCall")) {
                            counter.record(
                                    args != null && args.length > 0 && args[0] instanceof String sql ? sql : null);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getTargetException();
                        }
                    });
        }
    }
}

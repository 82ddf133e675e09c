package io.sidedesk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
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

    private final AtomicLong prepared = new AtomicLong();

    /** Statements prepared since the context started (a test reads it before and after a request). */
    public long prepared() {
        return prepared.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Counting)
                ? new Counting(dataSource, prepared)
                : bean;
    }

    static final class Counting extends DelegatingDataSource {

        private final AtomicLong prepared;

        Counting(DataSource target, AtomicLong prepared) {
            super(target);
            this.prepared = prepared;
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
                            prepared.incrementAndGet();
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

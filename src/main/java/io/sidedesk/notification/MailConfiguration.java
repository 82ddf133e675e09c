package io.sidedesk.notification;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sender exists where a mail server is configured ({@code spring.mail.host}, which Spring Boot's own mail sender
 * is made from): an instance without one queues emails as {@code not_sent} and never touches the pending emails of
 * the others. The host is read at every start, not by a condition on these beans, which Spring AOT would decide once,
 * at build time ({@code jvm.options}): without one, both are null beans, which no one is given. The build therefore
 * processes the application with a mail host (the {@code process-aot} execution in {@code pom.xml}), so that Spring
 * Boot's mail sender is among the beans a processed jar can make.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    NotificationOutbox notificationOutbox(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            NotificationProperties properties,
            Clock clock,
            @Value("${spring.mail.host:}") String host) {
        return host.isBlank() ? null : new NotificationOutbox(jdbc, transactions, properties, clock);
    }

    @Bean
    NotificationSender notificationSender(
            ObjectProvider<NotificationOutbox> outbox,
            ObjectProvider<JavaMailSender> mail,
            NotificationProperties properties,
            Clock clock,
            @Value("${spring.mail.host:}") String host,
            @Value("${spring.mail.port:25}") String port,
            @Value("${spring.mail.password:}") String password) {
        if (host.isBlank()) {
            return null;
        }
        log.info(
                "Email notifications are sent from {} through the mail server at {}:{}", properties.from(), host, port);
        return new NotificationSender(outbox.getObject(), mail.getObject(), properties, clock, password);
    }
}

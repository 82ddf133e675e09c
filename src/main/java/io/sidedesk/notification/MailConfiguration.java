package io.sidedesk.notification;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sender exists where a mail server is configured, on the same condition as Spring's own mail sender
 * ({@code spring.mail.host}): an instance without one queues emails as {@code not_sent} and never touches the
 * pending emails of the others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    NotificationOutbox notificationOutbox(
            JdbcTemplate jdbc, TransactionTemplate transactions, NotificationProperties properties, Clock clock) {
        return new NotificationOutbox(jdbc, transactions, properties, clock);
    }

    @Bean
    NotificationSender notificationSender(
            NotificationOutbox outbox,
            JavaMailSender mail,
            NotificationProperties properties,
            Clock clock,
            @Value("${spring.mail.host}") String host,
            @Value("${spring.mail.port:25}") String port,
            @Value("${spring.mail.password:}") String password) {
        log.info(
                "Email notifications are sent from {} through the mail server at {}:{}", properties.from(), host, port);
        return new NotificationSender(outbox, mail, properties, clock, password);
    }
}

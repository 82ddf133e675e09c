package io.sidedesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the suites that send email: a real SMTP server (GreenMail) in the test JVM on a free port, which a test
 * may stop and start again on the same port, and the service configured to send through it (with a user name and
 * password), from {@value #FROM}. The shared test context has no mail server; this one has. Subclasses add no
 * properties of their own, so that they share one context and one sender.
 *
 * <p>The service's clock stands still unless a test moves it ({@link MutableClock}): an email queued by a commit is
 * sent at once (the commit wakes the sender), and a retry is due only when a test advances the clock past its
 * backoff. The sender's periodic look for due emails is an hour apart here, so that only commits and the tests start
 * a round of sending. At most {@value #MAX_ATTEMPTS} attempts are made at an email.
 */
@Import(MutableClock.AsTheServiceClock.class)
public abstract class MailTestSupport extends ApiTestSupport {

    protected static final String FROM = "Sidedesk Support <support@sidedesk.test>";

    protected static final String SMTP_USER = "sidedesk";

    protected static final String SMTP_PASSWORD = "smtp-secret-4f9a1c";

    protected static final int MAX_ATTEMPTS = 3;

    /** How long a test waits for the sender before it calls it a hang: never a measure of speed. */
    protected static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final int PORT = freePort();

    /** What the servers stopped so far had received. */
    private static final List<MimeMessage> EARLIER = new ArrayList<>();

    private static GreenMail smtp = started();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("spring.mail.username", () -> SMTP_USER);
        registry.add("spring.mail.password", () -> SMTP_PASSWORD);
        registry.add("sidedesk.mail.from", () -> FROM);
        registry.add("sidedesk.mail.max-attempts", () -> MAX_ATTEMPTS);
        registry.add("sidedesk.mail.poll-interval", () -> "1h");
        registry.add("logging.level.com.icegreen.greenmail", () -> "WARN");
    }

    /** A test that stopped the mail server leaves it running for the next. */
    @AfterEach
    void mailServerBackUp() {
        smtpUp();
    }

    /** The mail server stops: connections to it are refused. */
    protected static synchronized void smtpDown() {
        if (smtp.isRunning()) {
            EARLIER.addAll(List.of(smtp.getReceivedMessages()));
            smtp.stop();
        }
    }

    /** The mail server runs again, on the same port. */
    protected static synchronized void smtpUp() {
        if (!smtp.isRunning()) {
            smtp = started();
        }
    }

    /** Every message the mail server received, since the JVM started, that passes the filter. */
    protected static synchronized List<MimeMessage> received(Predicate<MimeMessage> filter) {
        List<MimeMessage> all = new ArrayList<>(EARLIER);
        if (smtp.isRunning()) {
            all.addAll(List.of(smtp.getReceivedMessages()));
        }
        return all.stream().filter(filter).toList();
    }

    /** The messages with this header value. */
    protected static List<MimeMessage> receivedWith(String header, String value) {
        return received(message -> value.equals(header(message, header)));
    }

    /** The first value of the header, or null. */
    protected static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail started() {
        ServerSetup setup = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(PATIENCE.toMillis());
        GreenMail server = new GreenMail(setup);
        server.withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_PASSWORD));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

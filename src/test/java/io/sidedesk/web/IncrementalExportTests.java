package io.sidedesk.web;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.orm.jpa.JpaTransactionManager;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export's settle window must be longer than any transaction may run, or the service does not start (B4): a window
 * that is too short could hand out positions past events that commit late.
 */
class IncrementalExportTests {

    @Test
    void aWindowLongerThanTheTransactionBoundOrNoneAtAllIsAccepted() {
        assertThatCode(() -> export(Duration.ofSeconds(60), 20, Duration.ofSeconds(10)))
                .doesNotThrowAnyException();
        assertThatCode(() -> export(Duration.ZERO, 20, Duration.ofSeconds(10))).doesNotThrowAnyException();
    }

    @Test
    void aWindowNoLongerThanTheBoundOrWithoutABoundStopsTheStart() {
        for (Runnable start : new Runnable[] {
            () -> export(Duration.ofSeconds(30), 20, Duration.ofSeconds(10)),
            () -> export(Duration.ofSeconds(25), 20, Duration.ofSeconds(10)),
            () -> export(Duration.ofSeconds(60), -1, Duration.ofSeconds(10))
        }) {
            assertThatThrownBy(start::run)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SIDEDESK_EXPORT_SETTLE_WINDOW");
        }
    }

    private static IncrementalExport export(Duration window, int transactionSeconds, Duration idle) {
        JpaTransactionManager transactions = new JpaTransactionManager();
        transactions.setDefaultTimeout(transactionSeconds);
        return new IncrementalExport(Clock.systemUTC(), window, transactions, idle);
    }
}

package io.sidedesk.ticket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sidedesk.web.RecordInvalid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Zendesk's status moves as a table, without Spring or a database. */
class TicketStatusTests {

    @ParameterizedTest(name = "{0} -> {1}, assigned {2}: allowed {3}")
    @CsvSource({
        "NEW,     OPEN,    false, true",
        "OPEN,    NEW,     true,  false",
        "PENDING, NEW,     true,  false",
        "OPEN,    SOLVED,  false, false",
        "OPEN,    SOLVED,  true,  true",
        "OPEN,    CLOSED,  true,  false",
        "SOLVED,  CLOSED,  true,  true",
        "SOLVED,  CLOSED,  false, false",
        "SOLVED,  OPEN,    true,  true",
        "HOLD,    PENDING, false, true",
    })
    void nothingReturnsToNewSolvingNeedsAnAssigneeOnlySolvedCloses(
            TicketStatus from, TicketStatus to, boolean assigned, boolean allowed) {
        if (allowed) {
            assertThatCode(() -> from.checkMove(to, assigned)).doesNotThrowAnyException();
        } else {
            assertThatCode(() -> from.checkMove(to, assigned)).isInstanceOf(RecordInvalid.class);
        }
    }

    @ParameterizedTest(name = "{0}: reopens {1}")
    @CsvSource({"NEW, false", "OPEN, false", "PENDING, true", "HOLD, true", "SOLVED, true", "CLOSED, false"})
    void aRequesterReplyReopensPendingOnHoldAndSolvedTickets(TicketStatus status, boolean reopens) {
        assertThat(status.reopensOnRequesterReply()).isEqualTo(reopens);
    }
}

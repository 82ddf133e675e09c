package io.sidedesk.web;

import java.sql.SQLException;
import java.util.Set;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What the database's refusal of a statement says about the request, read from its SQLSTATE (PostgreSQL,
 * Appendix A). Only a race may be answered "retry": the same request, sent again, then gets the answer the
 * winner left. Anything else sent again fails again.
 */
public enum DatabaseRefusal {

    /**
     * Another transaction won: a unique or exclusion constraint (a concurrent insert of the same key, past the
     * service's own check), a foreign key (a row the request named was removed after it was checked), a
     * serialization failure or a deadlock (PostgreSQL asks for the transaction to be retried), a row lock taken
     * without waiting that another write held, or an optimistic lock's version that moved.
     */
    RACE,

    /**
     * Class 22, a data exception: the request holds a value the database cannot store (a NUL, a number beyond
     * {@code numeric}) that no check of the service caught. Bad input, a 400 (which field is not known, so no
     * 422), and a check to add.
     */
    UNCHECKED_VALUE,

    /** Anything else, a not-null or check constraint included: the service wrote what its own rules forbid. */
    FAULT;

    private static final Set<String> RACES = Set.of(
            "23505", // unique_violation
            "23P01", // exclusion_violation
            "23503", // foreign_key_violation
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03"); // lock_not_available: a lock taken without waiting (NOWAIT) that another write holds

    private static final String DATA_EXCEPTION_CLASS = "22";

    /** The answer: a race is a 409 with {@code raceDescription} (which says how to retry), nothing else says retry. */
    public ProblemDetail problem(String raceDescription) {
        return switch (this) {
            case RACE -> Problems.of(HttpStatus.CONFLICT, "Conflict", raceDescription);
            case UNCHECKED_VALUE ->
                Problems.of(HttpStatus.BAD_REQUEST, "InvalidValue", "The request holds a value that cannot be stored");
            case FAULT -> Problems.internalError();
        };
    }

    public static DatabaseRefusal of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = sqlState(cause);
            if (state != null) {
                return RACES.contains(state) ? RACE : state.startsWith(DATA_EXCEPTION_CLASS) ? UNCHECKED_VALUE : FAULT;
            }
            if (cause instanceof OptimisticLockingFailureException
                    || cause instanceof OptimisticLockException
                    || cause instanceof StaleStateException) {
                return RACE;
            }
        }
        return FAULT;
    }

    /** The state of a driver's exception; a batch's own exception may carry it only on the next one. */
    private static String sqlState(Throwable failure) {
        SQLException sql = failure instanceof SQLException e ? e : null;
        for (; sql != null; sql = sql.getNextException()) {
            if (sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}

package io.sidedesk.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;

import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.WireValue;

/** A ticket's status, in Zendesk's order, with the rules of moving from one to another. */
public enum TicketStatus implements WireValue {
    NEW("new"),
    OPEN("open"),
    PENDING("pending"),
    HOLD("hold"),
    SOLVED("solved"),
    CLOSED("closed");

    private final String value;

    TicketStatus(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * Zendesk's status rules: nothing returns to new; solving (or closing) needs an assignee; only a solved ticket
     * can be closed.
     */
    void checkMove(TicketStatus to, boolean assigned) {
        if (to == NEW) {
            throw RecordInvalid.field("status", "a ticket never returns to new");
        }
        if ((to == SOLVED || to == CLOSED) && !assigned) {
            throw RecordInvalid.field("status", "a ticket needs an assignee to be solved");
        }
        if (to == CLOSED && this != SOLVED) {
            throw RecordInvalid.field("status", "only a solved ticket can be closed");
        }
    }

    /** Whether a comment from the requester's side reopens a ticket in this status. */
    boolean reopensOnRequesterReply() {
        return this == PENDING || this == HOLD || this == SOLVED;
    }

    @JsonCreator
    public static TicketStatus of(String value) {
        return WireValue.parse(TicketStatus.class, value);
    }

    @Converter(autoApply = true)
    static class Column extends WireValue.Column<TicketStatus> {

        Column() {
            super(TicketStatus.class);
        }
    }
}

package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.List;

import io.sidedesk.condition.Field;
import io.sidedesk.web.WireValue;

/**
 * A ticket's own fields as the conditions of rules name them (triggers, SLA policies), with the values each takes,
 * and the channels as Zendesk's via ids.
 */
public final class TicketConditions {

    /** Zendesk's via ids for the channels Sidedesk has; side conversation is Sidedesk's own (Zendesk names none). */
    public static final String VIA_WEB_SERVICE = "5";

    public static final String VIA_SIDE_CONVERSATION = "100";

    /** Statuses in their order, from new to closed. */
    public static final Field STATUS = Field.ordered("status", spellings(TicketStatus.class, false));

    /** Priorities in their order, none ({@code ""}) first. */
    public static final Field PRIORITY = Field.ordered("priority", "", "low", "normal", "high", "urgent");

    public static final Field TYPE = Field.choice("type", spellings(TicketType.class, true));

    public static final Field GROUP_ID = Field.id("group_id");

    public static final Field TICKET_FORM_ID = Field.id("ticket_form_id");

    public static final Field CURRENT_TAGS = Field.tags("current_tags");

    /** The channel the ticket came through. */
    public static final Field VIA_ID = Field.choice("via_id", VIA_WEB_SERVICE, VIA_SIDE_CONVERSATION);

    private TicketConditions() {}

    /** The via id of a channel ({@link Ticket#VIA_API}, {@link Ticket#VIA_SIDE_CONVERSATION}). */
    public static String viaId(String channel) {
        return Ticket.VIA_SIDE_CONVERSATION.equals(channel) ? VIA_SIDE_CONVERSATION : VIA_WEB_SERVICE;
    }

    private static <E extends Enum<E> & WireValue> String[] spellings(Class<E> type, boolean none) {
        List<String> values = new ArrayList<>();
        if (none) {
            values.add("");
        }
        for (E constant : type.getEnumConstants()) {
            values.add(constant.value());
        }
        return values.toArray(String[]::new);
    }
}

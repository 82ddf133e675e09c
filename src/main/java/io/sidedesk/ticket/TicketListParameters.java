package io.sidedesk.ticket;

import java.util.EnumSet;
import java.util.Set;

import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.WireValue;

/** The query parameters of the ticket lists, read: a 400 naming the parameter when one cannot be. */
final class TicketListParameters {

    private TicketListParameters() {}

    /** {@code status=open,pending}: the statuses named (null: any). */
    static Set<TicketStatus> statuses(String status) {
        if (status == null) {
            return null;
        }
        Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        for (String name : status.split(",", -1)) {
            TicketStatus found = WireValue.find(TicketStatus.class, name.strip());
            if (found == null) {
                throw new InvalidParameter(
                        "status",
                        "must name statuses among new, open, pending, hold, solved, closed (comma-separated)");
            }
            statuses.add(found);
        }
        return statuses;
    }

    /** An id filter: a positive id (null: none). */
    static Long id(Long id, String parameter) {
        if (id != null && id <= 0) {
            throw new InvalidParameter(parameter, "must be a positive id");
        }
        return id;
    }

    /**
     * {@code sort_order} asc or desc (any case): whether the list runs newest first. Lists are ordered by id, which is
     * the order tickets were created in; {@code sort_by} is honoured for id and created_at, and, as Zendesk ignores
     * what it cannot sort by, other values leave that order.
     */
    static boolean newestFirst(String sortOrder) {
        if (sortOrder != null && !sortOrder.equalsIgnoreCase("asc") && !sortOrder.equalsIgnoreCase("desc")) {
            throw new InvalidParameter("sort_order", "must be asc or desc");
        }
        return "desc".equalsIgnoreCase(sortOrder);
    }
}

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
     * {@code sort_by} id or created_at (tickets are numbered as they are created, so both order alike) and
     * {@code sort_order} asc or desc: whether the list runs newest first.
     */
    static boolean newestFirst(String sortBy, String sortOrder) {
        if (sortBy != null && !sortBy.equals("id") && !sortBy.equals("created_at")) {
            throw new InvalidParameter("sort_by", "must be id or created_at");
        }
        if (sortOrder != null && !sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw new InvalidParameter("sort_order", "must be asc or desc");
        }
        return "desc".equals(sortOrder);
    }
}

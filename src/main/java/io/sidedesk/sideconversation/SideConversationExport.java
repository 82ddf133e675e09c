package io.sidedesk.sideconversation;

import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.IncrementalExport;

/**
 * The incremental export of side conversation events (B4), which never skips an event that commits late: pages
 * ordered by {@code (created_at, seq)} below the settle window ({@link IncrementalExport}).
 */
@Service
class SideConversationExport {

    private final SideConversationEventRepository events;
    private final IncrementalExport export;

    SideConversationExport(SideConversationEventRepository events, IncrementalExport export) {
        this.events = events;
        this.export = export;
    }

    @Transactional(readOnly = true)
    public IncrementalExport.Page<SideConversationEvent> export(Actor actor, Long startTime, String cursor, int limit) {
        SideConversationPolicy.requireExporter(actor);
        IncrementalExport.Window window = export.window(startTime, cursor);
        if (window == null) {
            return IncrementalExport.nothingSince(startTime);
        }
        Specification<SideConversationEvent> settledSince = (root, query, cb) -> {
            Predicate range = cb.and(
                    cb.greaterThanOrEqualTo(root.get("createdAt"), window.start()),
                    cb.lessThan(root.get("createdAt"), window.until()));
            IncrementalExport.Cursor after = window.after();
            if (after == null) {
                return range;
            }
            // Keyset: after the cursor's (created_at, seq), on the (created_at, seq) index.
            return cb.and(
                    range,
                    cb.or(
                            cb.greaterThan(root.get("createdAt"), after.afterTime()),
                            cb.and(
                                    cb.equal(root.get("createdAt"), after.afterTime()),
                                    cb.greaterThan(root.get("seq"), after.afterSeq()))));
        };
        List<SideConversationEvent> found = events.findBy(
                settledSince,
                q -> q.sortBy(Sort.by("createdAt", "seq")).limit(limit + 1).all());
        return export.page(window, found, limit, SideConversationEvent::getCreatedAt, SideConversationEvent::getSeq);
    }
}

package io.sidedesk.sla;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Conditions;
import io.sidedesk.condition.Subject;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.web.ConfigVersion;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.Positions;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.Transactions;

/**
 * SLA policies: agents read them, admins write them. Every write is checked whole before anything is written (its
 * filter against {@link SlaLanguage} and the directory, its targets) and leaves the positions 1..n
 * ({@link SlaPolicyPositions}). Every ticket write asks which policy applies ({@link #firstMatching}).
 */
@Service
public class SlaPolicies {

    /** An account has at most this many policies: every ticket write matches them in order. */
    static final int MAX_POLICIES = 200;

    private static final Logger log = LoggerFactory.getLogger(SlaPolicies.class);

    private final SlaPolicyRepository policies;
    private final SlaPolicyPositions positions;
    private final People people;
    private final Groups groups;
    private final JsonMapper json;
    private final Clock clock;

    /** Compiled filters by their stored text: an edit (here or on another instance) is a new text, compiled anew. */
    private final Map<String, Predicate<Subject>> compiled = new ConcurrentHashMap<>();

    /** The policies as of the configuration's version (web/ConfigVersion): every ticket write matches them. */
    private final ConfigVersion.Kept<List<Policy>> kept;

    SlaPolicies(
            SlaPolicyRepository policies,
            SlaPolicyPositions positions,
            People people,
            Groups groups,
            JsonMapper json,
            Clock clock,
            ConfigVersion versions) {
        this.policies = policies;
        this.positions = positions;
        this.people = people;
        this.groups = groups;
        this.json = json;
        this.clock = clock;
        this.kept = versions.keep(this::load);
    }

    /**
     * The policy that applies to the ticket as it is: the first by position whose filter holds. The policies are
     * kept at the configuration's version, and read (one statement, in the caller's transaction: every ticket write's)
     * when it changed.
     */
    public Optional<AppliedPolicy> firstMatching(SlaTicket ticket) {
        Transactions.requireActive();
        for (Policy policy : kept.get()) {
            if (policy.filter() != null && policy.filter().test(ticket)) {
                return Optional.of(new AppliedPolicy(
                        policy.id(),
                        policy.title(),
                        policy.description(),
                        policy.metrics() != null ? policy.metrics() : metrics(policy.metricsText())));
            }
        }
        return Optional.empty();
    }

    /** A policy as the writes match it: its filter compiled (null: unreadable), its metrics read (null: unreadable). */
    private record Policy(
            Long id,
            String title,
            String description,
            Predicate<Subject> filter,
            String metricsText,
            List<PolicyMetric> metrics) {}

    /** The policies in matching order, in one statement; a filter is compiled once per stored text. */
    private List<Policy> load() {
        List<Policy> loaded = new ArrayList<>();
        Set<String> texts = new HashSet<>();
        for (SlaPolicyRepository.Stored policy : policies.inMatchingOrder()) {
            texts.add(policy.getFilter());
            List<PolicyMetric> metrics;
            try {
                metrics = metrics(policy.getPolicyMetrics());
            } catch (RuntimeException unreadable) {
                metrics = null; // read again, and failing as it did, if the policy ever matches
            }
            loaded.add(new Policy(
                    policy.getId(),
                    policy.getTitle(),
                    policy.getDescription(),
                    compiled(policy),
                    policy.getPolicyMetrics(),
                    metrics));
        }
        // Filters no policy says any more are dropped.
        compiled.keySet().retainAll(texts);
        return List.copyOf(loaded);
    }

    @Transactional(readOnly = true)
    public ListPage<SlaPolicyView> list(Actor actor, Paging paging) {
        actor.requireStaff();
        return paging.fetch(policies, (root, query, cb) -> cb.conjunction(), "position", SlaPolicy::getPosition)
                .map(this::view);
    }

    @Transactional(readOnly = true)
    public SlaPolicyView show(Actor actor, long id) {
        actor.requireStaff();
        return view(find(id));
    }

    @Transactional
    public SlaPolicyView create(Actor actor, SlaPolicyRequest.Fields fields) {
        actor.requireAdmin();
        ConfigVersion.changing();
        if (fields.title() == null || fields.title().isBlank()) {
            throw RecordInvalid.field("title", "is required");
        }
        if (fields.filter() == null) {
            throw RecordInvalid.field("filter", "is required: {\"all\": [...], \"any\": [...]}");
        }
        List<PolicyMetric> metrics =
                fields.policyMetrics() == null ? List.of() : SlaLanguage.metrics(fields.policyMetrics());
        check(actor, fields.filter());
        positions.lock();
        if (policies.count() >= MAX_POLICIES) {
            throw RecordInvalid.field("sla_policy", "an account can have at most " + MAX_POLICIES + " SLA policies");
        }
        SlaPolicy policy = new SlaPolicy(
                fields.title().strip(),
                positions.makeRoom(fields.position()),
                json.writeValueAsString(fields.filter()),
                json.writeValueAsString(metrics),
                now());
        policy.describe(fields.description());
        policies.saveAndFlush(policy);
        return view(policy);
    }

    @Transactional
    public SlaPolicyView update(Actor actor, long id, SlaPolicyRequest.Fields fields) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        SlaPolicy policy = find(id);
        if (fields.title() != null && fields.title().isBlank()) {
            throw RecordInvalid.field("title", "cannot be blank");
        }
        List<PolicyMetric> metrics =
                fields.policyMetrics() == null ? null : SlaLanguage.metrics(fields.policyMetrics());
        if (fields.filter() != null) {
            check(actor, fields.filter());
        }
        if (fields.title() != null) {
            policy.retitle(fields.title().strip());
        }
        if (fields.description() != null) {
            policy.describe(fields.description());
        }
        if (fields.filter() != null) {
            policy.replaceFilter(json.writeValueAsString(fields.filter()));
        }
        if (metrics != null) {
            policy.replaceMetrics(json.writeValueAsString(metrics));
        }
        if (fields.position() != null && fields.position() != policy.getPosition()) {
            positions.place(Map.of(policy, fields.position()));
        }
        policy.touch(now());
        policies.flush();
        return view(policy);
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        policies.delete(find(id));
        positions.closeUp();
    }

    /** The policies named take positions 1, 2, ... in that order; the others follow in their order. */
    @Transactional
    public ListPage<SlaPolicyView> reorder(Actor actor, List<Long> ids) {
        actor.requireAdmin();
        ConfigVersion.changing();
        positions.lock();
        List<SlaPolicy> named = Positions.named(ids, policies::findAllById, "sla_policy_ids", "SLA policy");
        return ListPage.all(positions.reorder(named).stream().map(this::view).toList());
    }

    /** The filter checked whole: its language, then the users and groups it names, which must exist. */
    private void check(Actor admin, Conditions filter) {
        SlaLanguage.filter(filter);
        Map<String, Long> users = filter.namedIds("filter", SlaLanguage.ID_FIELDS, "user");
        Map<Long, People.Person> known = people.people(users.values());
        for (Map.Entry<String, Long> user : users.entrySet()) {
            if (!known.containsKey(user.getValue())) {
                throw RecordInvalid.field(user.getKey(), "names user " + user.getValue() + ", who does not exist");
            }
        }
        for (Map.Entry<String, Long> group :
                filter.namedIds("filter", SlaLanguage.ID_FIELDS, "group").entrySet()) {
            if (!groups.canSee(admin, group.getValue())) {
                throw RecordInvalid.field(group.getKey(), "names group " + group.getValue() + ", which does not exist");
            }
        }
    }

    /** The stored filter compiled, once per text; null (and logged) when this version cannot read it. */
    private Predicate<Subject> compiled(SlaPolicyRepository.Stored policy) {
        Predicate<Subject> known = compiled.get(policy.getFilter());
        if (known != null) {
            return known;
        }
        try {
            known = SlaLanguage.filter(json.readValue(policy.getFilter(), Conditions.class));
        } catch (RuntimeException unreadable) {
            // A stored policy this version cannot read never stops a ticket write: it is skipped, loudly.
            log.error(
                    "SLA policy {} ({}) cannot be read and is skipped", policy.getId(), policy.getTitle(), unreadable);
            return null;
        }
        compiled.put(policy.getFilter(), known);
        return known;
    }

    private List<PolicyMetric> metrics(String stored) {
        return List.of(json.readValue(stored, PolicyMetric[].class));
    }

    private SlaPolicyView view(SlaPolicy policy) {
        return SlaPolicyView.of(policy, metrics(policy.getPolicyMetrics()));
    }

    private SlaPolicy find(long id) {
        return policies.findById(id).orElseThrow(() -> new RecordNotFound("SLA policy", id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

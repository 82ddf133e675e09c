package io.sidedesk.web;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * What every ordered business rule row has (triggers, SLA policies): an id, a title and description, its position
 * ({@link Positions}), and when it was made and last written.
 */
@MappedSuperclass
public abstract class PositionedRule implements Positioned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private String description;

    private int position;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    /** What {@code sort_by} may order a list of rules by, and the attribute each orders by. */
    private static final Map<String, String> SORTS = Map.of(
            "position",
            "position",
            "created_at",
            "id",
            "alphabetical",
            "title",
            "title",
            "title",
            "updated_at",
            "updatedAt");

    protected PositionedRule() {}

    /**
     * One page of the rules {@code filter} keeps, ordered by {@code sort_by}: position (the default), created_at,
     * updated_at or alphabetical (the last two by page and per_page only: their values are not unique); a 400 else.
     */
    public static <R extends PositionedRule> ListPage<R> page(
            JpaSpecificationExecutor<R> rules, Specification<R> filter, String sortBy, Paging paging) {
        String key = SORTS.get(sortBy == null ? "position" : sortBy);
        if (key == null) {
            throw new InvalidParameter("sort_by", "must be one of position, created_at, updated_at, alphabetical");
        }
        if ((key.equals("title") || key.equals("updatedAt")) && paging.isCursor()) {
            throw new InvalidParameter("sort_by", sortBy + " order pages by page and per_page, not by cursor");
        }
        return paging.fetch(rules, filter, key, rule -> key.equals("position") ? rule.getPosition() : rule.getId());
    }

    protected PositionedRule(String title, int position, Instant now) {
        this.title = title;
        this.position = position;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void retitle(String title) {
        this.title = title;
    }

    public void describe(String description) {
        this.description = description;
    }

    @Override
    public void moveTo(int position) {
        this.position = position;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    @Override
    public int getPosition() {
        return position;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

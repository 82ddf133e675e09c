package io.sidedesk.businesshours;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** A business hours schedule: its intervals kept as JSON, as the API gives them once checked ({@link ScheduleChecks}). */
@Entity
@Table(name = "business_hours_schedules")
class Schedule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String timeZone;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String intervals;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    protected Schedule() {}

    Schedule(String name, String timeZone, String intervals, Instant now) {
        this.name = name;
        this.timeZone = timeZone;
        this.intervals = intervals;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name) {
        this.name = name;
    }

    void moveTo(String timeZone) {
        this.timeZone = timeZone;
    }

    void replaceIntervals(String intervals) {
        this.intervals = intervals;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getTimeZone() {
        return timeZone;
    }

    String getIntervals() {
        return intervals;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}

package io.sidedesk.businesshours;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A schedule's holiday: whole local days off, {@code startDate} to {@code endDate} inclusive. */
@Entity
@Table(name = "business_hours_holidays")
class Holiday {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(updatable = false)
    private long scheduleId;

    private String name;

    private LocalDate startDate;

    private LocalDate endDate;

    protected Holiday() {}

    Holiday(long scheduleId, String name, LocalDate startDate, LocalDate endDate) {
        this.scheduleId = scheduleId;
        this.name = name;
        this.startDate = startDate;
        this.endDate = endDate;
    }

    void rename(String name) {
        this.name = name;
    }

    void reschedule(LocalDate startDate, LocalDate endDate) {
        this.startDate = startDate;
        this.endDate = endDate;
    }

    Long getId() {
        return id;
    }

    long getScheduleId() {
        return scheduleId;
    }

    String getName() {
        return name;
    }

    LocalDate getStartDate() {
        return startDate;
    }

    LocalDate getEndDate() {
        return endDate;
    }
}

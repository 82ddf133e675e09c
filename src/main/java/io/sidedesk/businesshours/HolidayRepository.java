package io.sidedesk.businesshours;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface HolidayRepository extends JpaRepository<Holiday, Long>, JpaSpecificationExecutor<Holiday> {

    Optional<Holiday> findByIdAndScheduleId(long id, long scheduleId);

    long countByScheduleId(long scheduleId);
}

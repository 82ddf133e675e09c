package io.sidedesk.trigger;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TriggerRepository extends JpaRepository<Trigger, Long>, JpaSpecificationExecutor<Trigger> {

    /** What every ticket write runs: the active triggers, in order. */
    List<Trigger> findByActiveTrueOrderByPositionAscIdAsc();

    List<Trigger> findAllByOrderByPositionAscIdAsc();

    @Query("select coalesce(max(t.position), 0) from Trigger t")
    int lastPosition();

    /** Makes room at {@code position}: it and those after move down by one. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Trigger t set t.position = t.position + 1 where t.position >= :position")
    int makeRoomAt(int position);
}

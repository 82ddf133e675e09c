package io.sidedesk.routing;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoutingQueueRepository extends JpaRepository<RoutingQueue, Long> {

    List<RoutingQueue> findAllByOrderByPositionAsc();

    @Query("select coalesce(max(q.position), 0) from RoutingQueue q")
    int lastPosition();
}

package io.sidedesk.routing;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AgentStatusRepository extends JpaRepository<AgentStatus, Long> {

    List<AgentStatus> findAllByOrderByIsSystemDescIdAsc();

    boolean existsByNameIgnoreCaseAndIdNot(String name, long id);

    long countByIsSystemFalse();
}

package io.sidedesk.routing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CapacityRuleRepository extends JpaRepository<CapacityRule, Long> {

    List<CapacityRule> findAllByOrderByIsDefaultDescNameAscIdAsc();

    Optional<CapacityRule> findByIsDefaultTrue();

    boolean existsByNameIgnoreCaseAndIdNot(String name, long id);
}

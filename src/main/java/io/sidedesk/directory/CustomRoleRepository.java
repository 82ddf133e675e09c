package io.sidedesk.directory;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface CustomRoleRepository extends JpaRepository<CustomRole, Long>, JpaSpecificationExecutor<CustomRole> {

    boolean existsByNameIgnoreCase(String name);
}

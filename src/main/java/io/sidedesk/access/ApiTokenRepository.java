package io.sidedesk.access;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long>, JpaSpecificationExecutor<ApiToken> {

    boolean existsByUserId(long userId);
}

package io.sidedesk.trigger;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface TriggerRevisionRepository
        extends JpaRepository<TriggerRevision, Long>, JpaSpecificationExecutor<TriggerRevision> {}

package io.sidedesk.view;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import io.sidedesk.web.PositionedRepository;

interface ViewRepository extends PositionedRepository<View>, JpaSpecificationExecutor<View> {}

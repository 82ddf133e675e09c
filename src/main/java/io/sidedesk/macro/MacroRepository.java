package io.sidedesk.macro;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import io.sidedesk.web.PositionedRepository;

interface MacroRepository extends PositionedRepository<Macro>, JpaSpecificationExecutor<Macro> {}

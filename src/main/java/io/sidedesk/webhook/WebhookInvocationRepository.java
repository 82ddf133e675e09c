package io.sidedesk.webhook;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface WebhookInvocationRepository
        extends JpaRepository<WebhookInvocation, Long>, JpaSpecificationExecutor<WebhookInvocation> {}

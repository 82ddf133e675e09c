package io.sidedesk.webhook;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface WebhookRepository extends JpaRepository<Webhook, String>, JpaSpecificationExecutor<Webhook> {}

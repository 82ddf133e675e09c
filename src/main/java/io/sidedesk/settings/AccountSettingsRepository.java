package io.sidedesk.settings;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountSettingsRepository extends JpaRepository<AccountSettings, Short> {}

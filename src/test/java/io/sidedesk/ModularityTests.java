package io.sidedesk;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages depend one way (access ← directory ← ticket ← ...): a cycle fails the build. */
class ModularityTests {

    @Test
    void featurePackagesFormNoCycleAndUseOnlyEachOthersPublicTypes() {
        ApplicationModules.of(SidedeskApplication.class).verify();
    }
}

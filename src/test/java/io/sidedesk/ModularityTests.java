package io.sidedesk;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Feature packages depend one way (access ← directory ← ticket ← ...): each declares the packages it may use
 * ({@code @ApplicationModule(allowedDependencies)} in its {@code package-info.java}), and a dependency not declared,
 * a cycle, or a use of another package's internal type fails the build.
 */
class ModularityTests {

    @Test
    void featurePackagesFormNoCycleAndUseOnlyEachOthersPublicTypes() {
        ApplicationModules.of(SidedeskApplication.class).verify();
    }
}

package io.sidedesk.floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Registers the floor's controller where the service runs with the beans Spring AOT fixed when it was built, which
 * component scanning no longer adds to; bench/floor/spring.factories names it for Spring Boot, in the floor's jar.
 * Without AOT the service's component scanning finds the controller, as the stack alone's does.
 */
public class FloorInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        if (AotDetector.useGeneratedArtifacts()) {
            // Its dependencies named here: without the annotation processors the processed context has none of.
            context.registerBean(FloorController.class, () -> {
                try {
                    return new FloorController(
                            context.getBean(DataSource.class),
                            context.getBean(JsonMapper.class),
                            Path.of(context.getEnvironment().getRequiredProperty("sidedesk.floor.plans")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

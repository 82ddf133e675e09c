package io.sidedesk;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SidedeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(SidedeskApplication.class, args);
    }

    /** The service's clock (UTC), one bean so that tests can set the time where it matters. */
    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }
}

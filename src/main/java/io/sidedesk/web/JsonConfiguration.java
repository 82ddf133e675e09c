package io.sidedesk.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** JSON as the dialect writes it: timestamps are ISO-8601 UTC with exactly three fraction digits. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Bean
    SimpleModule timestampModule() {
        return new SimpleModule("sidedesk-timestamps").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(TIMESTAMP.format(value));
            }
        });
    }
}

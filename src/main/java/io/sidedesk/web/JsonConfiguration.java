package io.sidedesk.web;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * JSON as the dialect writes it: timestamps are ISO-8601 UTC with exactly three fraction digits, and
 * decimals keep the digits they were written with ({@code 1.50} stays {@code 1.50}). And as it reads it: a member
 * of another JSON type than the OpenAPI description gives is a 422 naming it, not silently taken as something else
 * ({@code "description": false} as "false", {@code "active": 9} as true, {@code "position": 1.5} as 1,
 * {@code "position": ""} as none). Ids written as digits stay ids ({@code "support_group_id": "81"}, as Zendesk
 * clients send them). And only JSON: no body or answer in another format escapes these rules.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer exactDecimals() {
        return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    @Bean
    JsonMapperBuilderCustomizer noSilentCoercion() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean, flag -> flag.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        number -> number.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float,
                        number -> number.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    /**
     * The wire is JSON only: Spring's YAML converter, which springdoc's Jackson 2 YAML module brings in, read and wrote
     * YAML past every rule here and the request content filter's checks (docs/RULES.md, request content).
     */
    @Bean
    ServerHttpMessageConvertersCustomizer jsonOnly() {
        return builder -> builder.configureMessageConvertersList(
                converters -> converters.removeIf(JsonConfiguration::handlesYaml));
    }

    private static boolean handlesYaml(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream()
                .anyMatch(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_YAML));
    }

    @Bean
    SimpleModule timestampModule() {
        return new SimpleModule("sidedesk-timestamps").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(Timestamps.format(value));
            }
        });
    }
}

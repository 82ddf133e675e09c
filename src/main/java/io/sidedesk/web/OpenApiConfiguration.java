package io.sidedesk.web;

import java.util.Arrays;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Sidedesk API", version = "v2", description = """
                Helpdesk tickets, side conversations and side conversation child tickets, in the Zendesk \
                Support API dialect. Every path also answers with a `.json` suffix. Authenticate with HTTP \
                Basic: username `{email}/token`, password an API token."""),
        security = @SecurityRequirement(name = "apiToken"))
@SecurityScheme(name = "apiToken", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "Username `{email}/token` (for example `admin@example.com/token`), password: the API token")
class OpenApiConfiguration {

    static {
        // Paging is resolved from query parameters; the customizer below documents them instead.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Paging.class);
    }

    @Bean
    OperationCustomizer pagingParameters() {
        return (operation, handler) -> {
            boolean paged = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == Paging.class);
            if (paged) {
                operation.addParametersItem(query("page", "Offset paging: page number, from 1; offset paging serves "
                        + "the first " + Paging.MAX_OFFSET_ROWS + " rows (page × per_page at most that, or a 400), "
                        + "cursor paging every row", new IntegerSchema()));
                operation.addParametersItem(query("per_page", "Offset paging: rows per page, 1 to 100 (default 100)",
                        new IntegerSchema()));
                operation.addParametersItem(query("page[size]", "Cursor paging: rows per page, 1 to 100",
                        new IntegerSchema()));
                operation.addParametersItem(query("page[after]", "Cursor paging: meta.after_cursor of the last page",
                        new StringSchema()));
                operation.addParametersItem(query("page[before]", "Cursor paging: meta.before_cursor of the last page",
                        new StringSchema()));
            }
            return operation;
        };
    }

    /** Members marked {@link ReadOnly} are {@code readOnly} in the description. */
    @Bean
    PropertyCustomizer readOnlyMembers() {
        return (property, type) -> {
            if (type.getCtxAnnotations() != null
                    && Arrays.stream(type.getCtxAnnotations()).anyMatch(annotation -> annotation instanceof ReadOnly)) {
                property.setReadOnly(true);
            }
            return property;
        };
    }

    private static Parameter query(String name, String description, io.swagger.v3.oas.models.media.Schema<?> schema) {
        return new Parameter().in("query").name(name).description(description).required(false).schema(schema);
    }
}

package io.sidedesk.web;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OpenApiBuilderCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.JavadocProvider;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.SecurityService;
import org.springdoc.core.utils.PropertyResolverUtils;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}) as the wire is:
 * snake_case members, each body under its own schema, lists as they are paged, problem+json on every error
 * response. Tests hold every request and answer they make against it ({@code OpenApiContract}).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Sidedesk API", version = "v2", description = """
                Helpdesk tickets, side conversations and side conversation child tickets, in the Zendesk Support \
                API dialect.

                **Authorize** with HTTP Basic: username `{email}/token` (for example `admin@example.com/token`), \
                password an API token; or with a token created for one user, as a Bearer token.

                Every path also answers with a `.json` suffix, as Zendesk clients send it (`/api/v2/tickets/1.json` \
                is `/api/v2/tickets/1`); the suffix forms are not listed again. Bodies are wrapped by resource name \
                (`{"ticket": {...}}`); members left out of a write change nothing; read-only members sent back are \
                ignored. Errors are `application/problem+json` (the `Problem` schema). Lists are paged by offset \
                (`page`, `per_page`) or, with `page[size]`, by cursor."""),
        security = {@SecurityRequirement(name = "apiToken"), @SecurityRequirement(name = "bearerToken")},
        tags = {
            @Tag(
                    name = OpenApiConfiguration.TICKETS,
                    description = "Tickets, their comments and their history (audits)"),
            @Tag(
                    name = OpenApiConfiguration.SIDE_CONVERSATIONS,
                    description = "Side conversations on a ticket; addressed to a group, one creates a child ticket "
                            + "for that team, whose live status the parent shows"),
            @Tag(
                    name = OpenApiConfiguration.PEOPLE,
                    description = "Users (end-users, agents, admins), groups, group memberships and custom roles "
                            + "(light agents)"),
            @Tag(name = OpenApiConfiguration.FIELDS, description = "Custom ticket fields and the forms that show them"),
            @Tag(
                    name = OpenApiConfiguration.SETTINGS,
                    description = "The account's settings: which side conversation channels are on"),
            @Tag(name = OpenApiConfiguration.TOKENS, description = "API tokens, account-wide or for one user"),
            @Tag(
                    name = OpenApiConfiguration.TRIGGERS,
                    description = "Triggers: business rules that change tickets and notify people on every update, "
                            + "each recipient once per action (R15)"),
            @Tag(
                    name = OpenApiConfiguration.MACROS,
                    description = "Macros: actions agents apply to a ticket by hand, previewed without writing or "
                            + "applied in a ticket update (`macro_id`); a side conversation a macro opens is checked "
                            + "as one sent by hand (R16)"),
            @Tag(
                    name = OpenApiConfiguration.VIEWS,
                    description = "Views (saved ticket filters in the conditions triggers use) and search (Zendesk's "
                            + "query syntax, full text over subjects and the comments the caller may read), both run "
                            + "in SQL after the caller's ticket visibility: never a ticket the caller may not see"),
            @Tag(
                    name = OpenApiConfiguration.SLA_POLICIES,
                    description = "SLA policies: the reply, update and resolution targets that apply to a ticket, "
                            + "the first policy by position whose filter holds (R14); on a side conversation's child "
                            + "ticket, an OLA between teams"),
            @Tag(
                    name = OpenApiConfiguration.NOTIFICATIONS,
                    description = "Email notifications and where their delivery stands"),
            @Tag(
                    name = OpenApiConfiguration.BUSINESS_HOURS,
                    description = "Business hours schedules (weekly intervals in an IANA time zone) and their "
                            + "holidays. The oldest schedule is the account's default, which SLA metrics with "
                            + "`business_hours: true` count in. At most 100 schedules, 100 intervals a schedule, "
                            + "1000 holidays a schedule"),
            @Tag(
                    name = OpenApiConfiguration.ROUTING,
                    description = "Omnichannel routing (R21): agents' statuses and availability, capacity rules, "
                            + "custom queues and the routing queue. With routing on, a ticket in a group with no "
                            + "assignee goes to an online or away member of the group below their capacity"),
            @Tag(
                    name = OpenApiConfiguration.WEBHOOKS,
                    description = "Webhooks (B2, admins): ticket and side conversation events sent to an endpoint "
                            + "after the write commits, signed as Zendesk signs (X-Zendesk-Webhook-Signature), "
                            + "retried with backoff, ordered per ticket, each attempt logged. At most 100 webhooks"),
            @Tag(
                    name = OpenApiConfiguration.JOB_STATUSES,
                    description = "Background jobs (the bulk update of child tickets), shown to their creator and "
                            + "admins: `queued`, `working`, then `completed` (every item has a result, whatever it is) "
                            + "or `failed` (the job could not run). Each item runs in its own transaction, once. Kept "
                            + "7 days after they finish"),
            @Tag(
                    name = OpenApiConfiguration.METRICS,
                    description = "Ticket metrics and their events: reply, wait and resolution times, and SLA "
                            + "targets as they are applied, paused, fulfilled and breached (R14)")
        })
@SecurityScheme(
        name = "apiToken",
        type = SecuritySchemeType.HTTP,
        scheme = "basic",
        description = "Username `{email}/token` (for example `admin@example.com/token`), password: the API token")
@SecurityScheme(
        name = "bearerToken",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A token created for one user (`POST /api/v2/api_tokens` with `user_id`), without the email")
public class OpenApiConfiguration {

    public static final String TICKETS = "Tickets";
    public static final String SIDE_CONVERSATIONS = "Side conversations and child tickets";
    public static final String PEOPLE = "People and groups";
    public static final String FIELDS = "Ticket fields and forms";
    public static final String SETTINGS = "Account settings";
    public static final String TOKENS = "API tokens";
    public static final String TRIGGERS = "Triggers";
    public static final String MACROS = "Macros";
    public static final String VIEWS = "Views and search";
    public static final String NOTIFICATIONS = "Notifications";
    public static final String SLA_POLICIES = "SLA policies";
    public static final String BUSINESS_HOURS = "Business hours";
    public static final String METRICS = "Ticket metrics";
    public static final String ROUTING = "Omnichannel routing";
    public static final String WEBHOOKS = "Webhooks";
    public static final String JOB_STATUSES = "Job statuses";

    static final String PROBLEM = "Problem";
    static final String PAGE = "PageMembers";

    static {
        // Paging is resolved from query parameters; the customizer below documents them instead.
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Paging.class)
                // A custom field's value: whatever JSON its type takes (text, number, true or false, a date, null).
                .replaceWithSchema(
                        JsonNode.class, new Schema<>().description("Any JSON value, as the field's type takes it"));
    }

    @Bean
    WireSchemas wireSchemas() {
        return new WireSchemas();
    }

    /**
     * Schemas as the wire has them: snake_case members, as {@code spring.jackson.property-naming-strategy} writes
     * and reads them (springdoc's own mapper is Jackson 2 and knows nothing of Spring's Jackson 3 settings), named
     * and completed by {@link WireSchemas}.
     */
    @Bean
    ModelResolver wireModelResolver(WireSchemas wire) {
        ObjectMapper mapper = Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper, wire.names) {

            /** A {@link Patch} member is described as its value, as an {@code Optional} is. */
            @Override
            public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
                JavaType javaType = mapper.constructType(type.getType());
                if (javaType.getRawClass() != Patch.class) {
                    return super.resolve(type, context, chain);
                }
                return context.resolve(new AnnotatedType()
                        .type(javaType.containedType(0))
                        .ctxAnnotations(type.getCtxAnnotations())
                        .parent(type.getParent())
                        .schemaProperty(type.isSchemaProperty())
                        .name(type.getName())
                        .resolveAsRef(type.isResolveAsRef())
                        .jsonViewAnnotation(type.getJsonViewAnnotation())
                        .propertyName(type.getPropertyName())
                        .skipOverride(true));
            }
        }.openapi31(true);
    }

    /** Each member as the wire has it ({@link WireSchemas#member}). */
    @Bean
    PropertyCustomizer wireMembers(WireSchemas wire) {
        return wire::member;
    }

    /** The server is named, not springdoc's "Generated server url"; its URL stays the request's own. */
    @Bean
    OpenAPIService openAPIBuilder(
            Optional<OpenAPI> openApi,
            SecurityService securityParser,
            SpringDocConfigProperties properties,
            PropertyResolverUtils resolverUtils,
            Optional<List<OpenApiBuilderCustomizer>> builderCustomizers,
            Optional<List<ServerBaseUrlCustomizer>> serverBaseUrlCustomizers,
            Optional<JavadocProvider> javadoc) {
        return new OpenAPIService(
                openApi,
                securityParser,
                properties,
                resolverUtils,
                builderCustomizers,
                serverBaseUrlCustomizers,
                javadoc) {
            @Override
            public void updateServers(String serverBaseUrl, OpenAPI description) {
                super.updateServers(serverBaseUrl, description);
                if (description.getServers() != null) {
                    description.getServers().forEach(server -> server.setDescription("This Sidedesk"));
                }
            }
        };
    }

    /**
     * The shared parts: the problem+json schema and responses, the paging members, and read-only
     * ({@link ReadOnly}) members. Schemas nothing refers to are left out.
     */
    @Bean
    GlobalOpenApiCustomizer sharedComponents(WireSchemas wire) {
        return description -> {
            Components components = description.getComponents();
            components.addSchemas(PROBLEM, problemSchema());
            components.addSchemas(PAGE, pageSchema());
            PROBLEMS.forEach((status, meaning) -> {
                ApiResponse response = new ApiResponse()
                        .description(meaning)
                        .content(new Content()
                                .addMediaType(
                                        "application/problem+json",
                                        new MediaType().schema(new Schema<>().$ref(ref(PROBLEM)))));
                if (status.equals("429") || status.equals("503")) {
                    response.addHeaderObject(
                            "Retry-After",
                            new Header()
                                    .description("Seconds to wait before retrying")
                                    .schema(new IntegerSchema()));
                }
                components.addResponses(status, response);
            });
            // Lists never hold nulls, though their items' Java types could; raw JSON arrays are arrays.
            components.getSchemas().values().forEach(OpenApiConfiguration::itemsNeverNull);
            components.getSchemas().remove("ProblemDetail");
            components.getSchemas().remove("ListPageBody");
            wire.complete(description);
            // In the order of work, as the tags are declared.
            if (description.getTags() != null) {
                description.getTags().sort(Comparator.comparingInt(tag -> TAG_ORDER.indexOf(tag.getName())));
            }
        };
    }

    private static void itemsNeverNull(Schema<?> schema) {
        if (schema.getItems() != null && schema.getItems().getTypes() != null) {
            schema.getItems().getTypes().remove("null");
            if (schema.getItems().getEnum() != null) {
                schema.getItems().getEnum().remove(null);
            }
        }
        if (schema.getItems() != null
                && (schema.getTypes() == null || !schema.getTypes().contains("array"))) {
            // Raw JSON written as an array (@JsonRawValue with @ArraySchema), which Java sees as a String.
            schema.setTypes(new LinkedHashSet<>(List.of("array")));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiConfiguration::itemsNeverNull);
        }
    }

    private static final List<String> TAG_ORDER = List.of(
            TICKETS,
            SIDE_CONVERSATIONS,
            PEOPLE,
            FIELDS,
            SETTINGS,
            TOKENS,
            TRIGGERS,
            MACROS,
            VIEWS,
            SLA_POLICIES,
            NOTIFICATIONS,
            BUSINESS_HOURS,
            METRICS,
            ROUTING,
            WEBHOOKS,
            JOB_STATUSES);

    private static final Map<String, String> PROBLEMS = new TreeMap<>(Map.ofEntries(
            Map.entry(
                    "400",
                    "Bad request: malformed JSON (`InvalidJSON`), an unusable query parameter "
                            + "(`InvalidParameter`, `details` names it), a header or URL the firewall refuses "
                            + "(`InvalidRequest`), a value the database refused (`InvalidValue`), an `Idempotency-Key` "
                            + "sent again with other parameters (`IdempotentRequestError`)"),
            Map.entry(
                    "401",
                    "Not authenticated: no, bad or revoked token, unknown or inactive user "
                            + "(`Couldn't authenticate you`)"),
            Map.entry(
                    "403", "Forbidden: the caller may see the record but not do this (`error` is `{title, message}`)"),
            Map.entry("404", "No such record, or one the caller may not see (`RecordNotFound`)"),
            Map.entry("406", "Not acceptable: the `Accept` header refuses JSON (`NotAcceptable`)"),
            Map.entry(
                    "409",
                    "Conflict: a concurrent change won, retry (`Conflict`); a stale `safe_update` "
                            + "(`UpdateConflict`); the repeat of a request whose answer held a secret "
                            + "(`IdempotentRequestError`)"),
            Map.entry("412", "Precondition failed: `If-Match` names another version (`PreconditionFailed`)"),
            Map.entry("413", "The body is larger than the limit (`PayloadTooLarge`)"),
            Map.entry("415", "The body is not JSON in UTF-8 (`UnsupportedMediaType`)"),
            Map.entry(
                    "422", "A value breaks a rule (`RecordInvalid`): `details` is keyed by field; nothing is written"),
            Map.entry("429", "Too many requests: `Retry-After` says when to try again (`TooManyRequests`)"),
            Map.entry("500", "Our fault: a generic message, the details only in our log (`InternalError`)"),
            Map.entry(
                    "503",
                    "The database is unreachable or too slow: retry after `Retry-After` (`ServiceUnavailable`)")));

    private static Schema<?> problemSchema() {
        Schema<?> forbidden = new ObjectSchema()
                .description("403: Zendesk's shape")
                .addProperty("title", new StringSchema())
                .addProperty("message", new StringSchema());
        Schema<?> detail = new ObjectSchema()
                .addProperty("description", new StringSchema())
                .addProperty("error", new StringSchema());
        return new ObjectSchema()
                .description("An error: RFC 9457 problem details with Zendesk's `error`, `description` and `details`")
                .addProperty(
                        "title",
                        new StringSchema()
                                .description("The HTTP status' phrase")
                                .example("Not Found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .description("What went wrong, for people")
                                .example("Not found"))
                .addProperty("instance", new StringSchema().description("The request's path"))
                .addProperty(
                        "error",
                        new Schema<>()
                                .oneOf(List.of(new StringSchema().example("RecordNotFound"), forbidden))
                                .description("Zendesk's error code (a `{title, message}` object on a 403)"))
                .addProperty("description", new StringSchema())
                .addProperty(
                        "details",
                        new ObjectSchema()
                                .description("By field or parameter: what is wrong with it")
                                .additionalProperties(new ArraySchema().items(detail)))
                .required(List.of("title", "status", "error"));
    }

    private static Schema<?> pageSchema() {
        Schema<String> link = new StringSchema().format("uri");
        link.addType("null");
        Schema<String> cursor = new StringSchema();
        cursor.addType("null");
        return new ObjectSchema()
                .description("Offset paging writes `next_page`, `previous_page` (null at the ends) and `count`; cursor "
                        + "paging (`page[size]`) writes `meta` and `links` instead")
                .addProperty("next_page", link)
                .addProperty("previous_page", link)
                .addProperty("count", new IntegerSchema().format("int64"))
                .addProperty(
                        "meta",
                        new ObjectSchema()
                                .addProperty("has_more", new BooleanSchema())
                                .addProperty("after_cursor", cursor)
                                .addProperty("before_cursor", cursor))
                .addProperty(
                        "links",
                        new ObjectSchema()
                                .description("`first` only in JSON:API lists (agent availabilities)")
                                .addProperty("first", link)
                                .addProperty("prev", link)
                                .addProperty("next", link));
    }

    static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }
}

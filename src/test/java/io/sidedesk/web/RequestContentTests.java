package io.sidedesk.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content the service cannot take is refused before anything reads it: bodies over 10 MB (413), JSON
 * nested absurdly deep (400), and text PostgreSQL cannot store (NUL, unpaired surrogates) as a 422 naming
 * the field or a 400 naming the query parameter. Nothing is written.
 */
class RequestContentTests extends ApiTestSupport {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void bodyOverTenMegabytesIsA413ProblemAndNothingIsWritten() {
        String marker = unique("huge");
        String body = "{\"ticket\": {\"external_id\": \"" + marker + "\", \"comment\": {\"body\": \""
                + "x".repeat(TEN_MB) + "\"}}}";

        Api.Response response = admin().post("/api/v2/tickets", body);

        assertThat(response.status()).as(response.header("Content-Type")).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("PayloadTooLarge");
        assertThat(ticketsWithExternalId(marker)).isZero();
    }

    @Test
    void bodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
        String body = "{\"ticket\": {\"comment\": {\"body\": \"" + "x".repeat(TEN_MB - 100) + "\"}}}";

        Api.Response response = admin().post("/api/v2/tickets", body);

        assertInvalid(response, "comment.body"); // over the 64 KB comment limit, not the 10 MB body limit
    }

    @Test
    void absurdlyDeepJsonIsA400() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        Api.Response response = admin().post("/api/v2/tickets", "{\"ticket\": " + deep + "}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error").asString()).isEqualTo("InvalidJSON");
        assertThat(response.json().get("detail").asString()).contains("nested deeper than 64 levels");
    }

    /** Request content (docs/RULES.md), found by the hostile suite: a number too long to read is a 400 that says so. */
    @Test
    void aNumberOfThousandsOfDigitsIsA400ThatSaysSo() {
        Api.Response response = admin().post(
                        "/api/v2/tickets",
                        "{\"ticket\": {\"comment\": {\"body\": \"hi\"}, " + "\"group_id\": 1" + "0".repeat(1_500)
                                + "}}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("InvalidJSON");
        assertThat(response.json().get("detail").asString())
                .doesNotContain("nested")
                .contains("number");
    }

    @Test
    void nulCharactersAreRefusedNamingTheFieldAndNothingIsWritten() {
        String marker = unique("nul");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                "{\"ticket\": {\"external_id\": \"" + marker
                                        + "\", \"subject\": \"a\\u0000\", \"comment\": {\"body\": \"hi\"}}}"),
                "subject");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                "{\"ticket\": {\"external_id\": \"" + marker
                                        + "\", \"comment\": {\"body\": \"a\\u0000b\"}}}"),
                "comment.body");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                "{\"ticket\": {\"external_id\": \"" + marker + "\", \"comment\": {\"body\": \"hi\"}, "
                                        + "\"tags\": [\"ok\", \"bad\\u0000\"]}}"),
                "tags[1]");
        assertInvalid(admin().post("/api/v2/groups", "{\"group\": {\"name\": \"a\\u0000\"}}"), "name");

        assertThat(ticketsWithExternalId(marker)).isZero();
    }

    @Test
    void unpairedSurrogatesAreRefusedButEmojiAndOtherScriptsRoundTrip() {
        String marker = unique("surrogate");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                "{\"ticket\": {\"external_id\": \"" + marker
                                        + "\", \"subject\": \"a\\ud800\", \"comment\": {\"body\": \"hi\"}}}"),
                "subject");
        assertThat(ticketsWithExternalId(marker)).isZero();

        String text = marker + " 🙂 שלום e\u0301 日本";
        Api.Response created = admin().post(
                        "/api/v2/tickets", Map.of("ticket", Map.of("subject", text, "comment", Map.of("body", text))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/ticket/subject").asString()).isEqualTo(text);
    }

    /**
     * Request content (docs/RULES.md): JSON is UTF-8 (RFC 8259). A body declared in any other charset (or in two) is a
     * 415, nothing is written: such a body once slipped a NUL past the check above (it reads bodies as UTF-8), and the
     * database's refusal of it was answered as a concurrent change.
     */
    @Test
    void aBodyDeclaredInAnotherCharsetThanUtf8IsA415AndNothingIsWritten() {
        String marker = unique("charset");
        String escaped = "{\"ticket\": {\"external_id\": \"" + marker + "\", \"subject\": \"a\\u0000b\", "
                + "\"comment\": {\"body\": \"hi\"}}}";
        String plain = "{\"ticket\": {\"external_id\": \"" + marker + "\", \"subject\": \"plain\", "
                + "\"comment\": {\"body\": \"hi\"}}}";
        for (String charset : List.of(
                "IBM037",
                "UTF-16",
                "UTF-16BE",
                "UTF-16LE",
                "UTF-32",
                "ISO-8859-1",
                "windows-1252",
                "US-ASCII",
                "\"IBM037\"",
                "ibm037")) {
            Charset encoding = Charset.forName(charset.replace("\"", ""));
            for (String body : List.of(escaped, plain)) {
                Api.Response response = admin().sendBytes(
                                "POST",
                                "/api/v2/tickets",
                                body.getBytes(encoding),
                                "application/json; charset=" + charset);
                assertThat(response.status()).as(charset + " → " + response).isEqualTo(415);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("error").asString()).isEqualTo("UnsupportedMediaType");
                assertThat(response.json().get("detail").asString()).contains("UTF-8");
            }
        }
        for (String twoCharsets : List.of(
                "application/json; charset=utf-8; charset=IBM037",
                "application/json; charset=IBM037; charset=utf-8",
                "application/json; charset=utf-8; charset=utf-8")) {
            Api.Response response =
                    admin().sendBytes("POST", "/api/v2/tickets", plain.getBytes(StandardCharsets.UTF_8), twoCharsets);
            assertThat(response.status()).as(twoCharsets + " → " + response).isEqualTo(415);
        }
        assertThat(ticketsWithExternalId(marker)).isZero();
    }

    /**
     * Request content (docs/RULES.md): JSON only. A YAML body (of which JSON is a subset) is a 415 and nothing is
     * written; an answer asked for in YAML is a 406; springdoc's YAML description is still served.
     */
    @Test
    void yamlIsNeitherReadNorWrittenButTheYamlDescriptionIsServed() {
        String marker = unique("yaml");
        // Both spellings of the marker: Spring's YAML converter read members by their Java names.
        String yaml = "ticket:\n  external_id: " + marker + "\n  externalId: " + marker
                + "\n  subject: \"a\\0b\"\n  comment:\n    body: hi\n";
        for (String type : List.of("application/yaml", "application/vnd.sidedesk+yaml", "application/x-yaml")) {
            Api.Response response = admin().withoutContract().send("POST", "/api/v2/tickets", yaml, type);
            assertThat(response.status()).as(type + " → " + response).isEqualTo(415);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("error").asString()).isEqualTo("UnsupportedMediaType");
        }
        assertThat(ticketsWithExternalId(marker)).isZero();
        for (String accept : List.of("application/yaml", "application/vnd.sidedesk+yaml")) {
            Api.Response response = admin().withHeader("Accept", accept).get("/api/v2/users/me");
            assertThat(response.status()).as(accept + " → " + response).isEqualTo(406);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Api.Response description = admin().withoutContract().get("/v3/api-docs.yaml");
        assertThat(description.status()).as(description.toString()).isEqualTo(200);
        assertThat(description.body()).startsWith("openapi: 3.1");
    }

    /** UTF-8 may be declared in any case, quoted or not, or not at all. */
    @Test
    void aBodyDeclaredAsUtf8OrUndeclaredIsRead() {
        for (String contentType : List.of(
                "application/json",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "application/json; charset=\"utf-8\"",
                "application/json; charset=Utf-8")) {
            String subject = unique("utf8") + " 🙂 שלום";
            Api.Response response = admin().sendBytes(
                            "POST",
                            "/api/v2/tickets",
                            ("{\"ticket\": {\"subject\": \"" + subject + "\", \"comment\": {\"body\": \"hi\"}}}")
                                    .getBytes(StandardCharsets.UTF_8),
                            contentType);
            assertThat(response.status()).as(contentType + " → " + response).isEqualTo(201);
            assertThat(response.json().at("/ticket/subject").asString()).isEqualTo(subject);
        }
    }

    @Test
    void nulInAQueryParameterIsA400NamingIt() {
        Api.Response response = admin().get("/api/v2/tickets?external_id=a%00b");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/details/external_id/0/description").asString())
                .isNotBlank();
    }

    @Test
    void anonymousCallersAreRefusedBeforeTheirBodyIsRead() {
        Api.Response response = api().post("/api/v2/tickets", "{\"ticket\": {\"subject\": \"a\\u0000\"}}");

        assertThat(response.status()).isEqualTo(401);
    }

    private long ticketsWithExternalId(String externalId) {
        return admin().get("/api/v2/tickets?external_id=" + externalId)
                .json()
                .get("count")
                .asLong();
    }
}

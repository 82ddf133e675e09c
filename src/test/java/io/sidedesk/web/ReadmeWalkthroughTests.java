package io.sidedesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's walkthrough, run as written: its fenced blocks marked {@code sh walkthrough}, joined in order and
 * run with {@code bash -e} against this service, so that the README cannot drift from what the service does. Each
 * step fails on an unexpected status; the output is also checked for what the README's prose says the steps
 * show. The database holds whatever the suite wrote before, plus the names a walkthrough written for an empty
 * database would use, and the walkthrough runs on it twice.
 */
class ReadmeWalkthroughTests extends ApiTestSupport {

    static final String OPENING = "```sh walkthrough";

    private static final Path README = Path.of("README.md");

    private static final long TIMEOUT_SECONDS = 120;

    @AfterEach
    void restoreSettings() {
        // The walkthrough turns child tickets on; the settings are one row that every test shares.
        restoreDefaultSettings();
    }

    @Test
    void theWalkthroughRunsAsWrittenTwiceOnADatabaseThatHoldsData() throws Exception {
        String script = walkthrough(Files.readString(README));
        requireTools("curl", "jq");
        holdWhatAWalkthroughForAnEmptyDatabaseWouldCreate();
        restoreDefaultSettings();

        for (int run = 1; run <= 2; run++) {
            Result result = run(script);
            assertThat(result.exitCode())
                    .as(
                            "run %d of the README's walkthrough (bash -e) exited %s; its output:%n%s",
                            run, result.exitCode(), result.output())
                    .isZero();
            assertThat(result.output())
                    .as("run %d: what the README says the steps show", run)
                    .contains("403 .detail: Light agents cannot create, send or change side conversations")
                    .contains("200 [.events[].type]: [\"create\",\"reply\"]")
                    .contains("200 .side_conversation.state: closed")
                    .contains("200 [.audits[].events[] | select(.type == \"SideConversation\") | .action]: "
                            + "[\"created\",\"replied\",\"replied\",\"closed\",\"child_status_changed\"]")
                    .containsPattern(withNumbers("200 [.side_conversations[].child_ticket]: "
                            + "[{\"id\":#,\"status\":\"solved\",\"assignee_id\":#,\"group_id\":#,\"linked\":true},"
                            + "{\"id\":#,\"linked\":true}]"))
                    .contains("200 [.events[].updates]: [null,{\"state\":\"closed\"},{\"state\":\"open\"}]")
                    .containsPattern(withNumbers("ETag: \"#-#\""))
                    .contains("200 .result.ticket.comment.body: Hi Dora, Billing is checking your refund.")
                    .contains("200 .result.side_conversations[0].body: Sam Support asks: please refund Dora Customer.")
                    .containsPattern(withNumbers("403 .detail: Macro # (\"Billing::Ask for a refund #-#\"), "
                            + "macro.actions[1] (side_conversation_ticket): Light agents cannot create, send or change "
                            + "side conversations"))
                    .contains(
                            "200 [.audit.events[].type]: [\"Comment\",\"SideConversation\",\"AgentMacroReference\",\"Notification\"]")
                    .containsPattern(withNumbers("[[\"Refund for ticket #\",true]]"))
                    .containsPattern(withNumbers("200 [.tickets[].subject]: [\"Refund for ticket #\"]"))
                    .contains("200 .view_count.value: 1")
                    .contains("404 .error: RecordNotFound")
                    .containsPattern(withNumbers(
                            "200 [.results[] | [.result_type, .subject]]: [[\"ticket\",\"Refund for ticket #\"]]"))
                    .contains("200 .data.attributes.agent_status.name: Online")
                    .contains("200 .audits[-1] | [.via.channel, .author_id]: [\"routing\",-1]")
                    // Run 2 finds routing on from run 1: its earlier child tickets in Billing waited for Bea too.
                    .containsPattern(withNumbers(
                            "\"name\":\"email\",\"status\":\"online\",\"max_capacity\":5,\"work_item_count\":#"));
        }
    }

    /** A pattern of this text, in which every {@code #} stands for a whole number. */
    private static Pattern withNumbers(String text) {
        return Pattern.compile(
                Arrays.stream(text.split("#", -1)).map(Pattern::quote).collect(Collectors.joining("\\d+")));
    }

    /** The lines of the README's blocks marked {@code sh walkthrough}, in order; every other block is left out. */
    static String walkthrough(String readme) {
        List<String> lines = new ArrayList<>();
        int blocks = 0;
        boolean inBlock = false;
        for (String line : readme.lines().toList()) {
            if (!inBlock && line.equals(OPENING)) {
                inBlock = true;
                blocks++;
            } else if (inBlock && line.startsWith("```")) {
                inBlock = false;
            } else if (inBlock) {
                lines.add(line);
            }
        }
        assertThat(inBlock).as("the last block marked %s is closed", OPENING).isFalse();
        assertThat(blocks).as("README.md has blocks marked %s", OPENING).isPositive();
        return String.join("\n", lines) + "\n";
    }

    /**
     * Groups and users named as an older walkthrough named them, so that fixed names would collide, and a ticket,
     * so that ids counted from an empty database would be wrong.
     */
    private void holdWhatAWalkthroughForAnEmptyDatabaseWouldCreate() {
        for (String name : List.of("Support", "Billing", "Security")) {
            Api.Response response = admin().post("/api/v2/groups", Map.of("group", Map.of("name", name)));
            assertThat(response.status()).as(response.toString()).isIn(201, 422);
        }
        for (String name : List.of("sam", "bea", "leo", "carla")) {
            Api.Response response = admin().post(
                            "/api/v2/users",
                            Map.of("user", Map.of("name", name, "email", name + "@example.com", "role", "agent")));
            assertThat(response.status()).as(response.toString()).isIn(201, 422);
        }
        Api.Response ticket = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", "Charged twice", "comment", Map.of("body", "Ticket 1"))));
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
    }

    private Result run(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("readme-walkthrough-", ".sh");
        Path output = Files.createTempFile("readme-walkthrough-", ".out");
        try {
            Files.writeString(file, script);
            ProcessBuilder builder = new ProcessBuilder("bash", "-e", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("SD", "http://localhost:" + port());
            builder.environment().put("SIDEDESK_ADMIN_EMAIL", ADMIN_EMAIL);
            builder.environment().put("SIDEDESK_ADMIN_TOKEN", ADMIN_TOKEN);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Result(
                        null,
                        Files.readString(output, StandardCharsets.UTF_8) + "\n(stopped: still running after "
                                + TIMEOUT_SECONDS + " s)");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(output);
        }
    }

    /** The walkthrough needs bash, curl and jq; without one of them it says which, rather than fail obscurely. */
    private static void requireTools(String... tools) throws InterruptedException {
        for (String tool : tools) {
            int found;
            try {
                found = new ProcessBuilder("bash", "-c", "command -v " + tool)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor();
            } catch (IOException e) {
                fail("The README walkthrough test needs bash, which cannot be started: " + e.getMessage());
                return;
            }
            if (found != 0) {
                fail("The README walkthrough test needs " + tool + " on the PATH (apt-get install " + tool + ")");
            }
        }
    }

    private record Result(Integer exitCode, String output) {}
}

package io.sidedesk.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI works in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver})
 * loads the service's description, authorizes with an API token, and sends a GET and a POST through "Try it
 * out". Skipped only where those binaries are absent; {@code .ci/run} installs them. On failure a screenshot and
 * the page source are saved under {@code target/swagger-ui-browser/}.
 */
class SwaggerUiBrowserTests extends ApiTestSupport {

    // Debian's binaries, named explicitly so that Selenium Manager never looks for (or downloads) a browser.
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path FAILURES = Path.of("target", "swagger-ui-browser");
    // Generous, for a build machine loaded with other builds (a step has taken 15 s there); a wait ends as soon
    // as the page is ready, so only a failure waits this long.
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String MISSING = "Skipped: the Swagger UI browser test needs Chromium and ChromeDriver at "
            + CHROMIUM + " and " + CHROMEDRIVER + ", which are missing. Install them with "
            + "'apt-get install -y chromium chromium-driver' (as root; .ci/run does).";

    // The test speaks WebDriver only: Selenium's warning that it has no DevTools (CDP) support for this Chromium
    // version is noise. Held here, as java.util.logging keeps only weak references to its loggers.
    private static final java.util.logging.Logger CDP_VERSIONS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WebDriver browser;

    /** Any failure in a test leaves a screenshot and the page source behind, and its message says where. */
    @RegisterExtension
    static final TestExecutionExceptionHandler EVIDENCE = (context, failure) -> {
        if (browser == null || failure instanceof TestAbortedException) {
            throw failure;
        }
        String saved = saveEvidence(context.getRequiredTestMethod().getName());
        throw new AssertionError(failure.getMessage() + "\n" + saved, failure);
    };

    /**
     * Starts Chromium once for the class, if it is installed. Where it is not, each test is skipped (not the
     * class: a class skipped in {@code @BeforeAll} shows in Surefire's report as no tests at all, without the
     * reason).
     */
    @BeforeAll
    static void startBrowser() {
        if (!browserInstalled()) {
            LoggerFactory.getLogger(SwaggerUiBrowserTests.class).warn(MISSING);
            return;
        }
        CDP_VERSIONS.setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.SEVERE);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120)).scriptTimeout(WAIT);
    }

    @BeforeEach
    void requireBrowser() {
        assumeTrue(browserInstalled(), MISSING);
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void swaggerUiShowsTheServiceDescriptionAndTriesOutAGetAndAPostWithAnApiToken() {
        openSwaggerUi();
        authorize(ADMIN_EMAIL + "/token", ADMIN_TOKEN);

        WebElement me = operation("get", "/api/v2/users/me");
        LiveResponse read = tryOut(me);
        assertThat(read.status()).as(read.toString()).isEqualTo("200");
        assertThat(JSON.readTree(read.body()).at("/user/email").asString())
                .as(read.toString())
                .isEqualTo(ADMIN_EMAIL);

        String name = unique("Browser group");
        WebElement create = operation("post", "/api/v2/groups");
        LiveResponse created = tryOut(create, JSON.writeValueAsString(Map.of("group", Map.of("name", name))));
        assertThat(created.status()).as(created.toString()).isEqualTo("201");
        long id = JSON.readTree(created.body()).at("/group/id").asLong();
        Api.Response group = admin().get("/api/v2/groups/" + id);
        assertThat(group.status()).as(group.toString()).isEqualTo(200);
        assertThat(group.json().at("/group/name").asString()).isEqualTo(name);

        assertThat(browserErrors()).as("errors in the browser's console").isEmpty();
    }

    /** Opens Swagger UI at its documented address and waits until it shows the service's own description. */
    private void openSwaggerUi() {
        browser.get("http://localhost:" + port() + "/swagger-ui.html");
        // Swagger UI shows a description it could not fetch or resolve in its errors box, instead of operations.
        waitFor()
                .until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock")),
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".errors-wrapper"))));
        assertThat(browser.findElements(By.cssSelector(".errors-wrapper")))
                .as("Swagger UI's errors")
                .extracting(WebElement::getText)
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
                .contains("Sidedesk API");
        // The description it loaded: the default one, which the page names under its title.
        assertThat(browser.findElement(By.cssSelector(".info .url")).getText().strip())
                .isEqualTo("/v3/api-docs");
    }

    /** Authorize: the HTTP Basic fields of the dialog, Authorize, Close; the padlock then shows locked. */
    private void authorize(String username, String password) {
        browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        WebElement dialog = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
        dialog.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
        dialog.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        dialog.findElement(By.cssSelector("button.modal-btn.auth.authorize")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElement(dialog, "Authorized"));
        dialog.findElement(By.cssSelector("button.btn-done")).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
        assertThat(browser.findElement(By.cssSelector(".auth-wrapper button.authorize"))
                        .getDomAttribute("class"))
                .contains("locked")
                .doesNotContain("unlocked");
    }

    /**
     * The operation's block, found by its method and path (tags, summaries and operation ids may change), or a
     * failure listing the paths that Swagger UI does show for that method.
     */
    private WebElement operation(String method, String path) {
        List<WebElement> blocks = browser.findElements(By.cssSelector(".opblock.opblock-" + method));
        for (WebElement block : blocks) {
            if (!block.findElements(By.cssSelector(".opblock-summary-path[data-path='" + path + "']"))
                    .isEmpty()) {
                return block;
            }
        }
        throw new AssertionError("Swagger UI shows no " + method.toUpperCase() + " " + path + "; it shows "
                + blocks.stream()
                        .map(block -> block.findElement(By.cssSelector(".opblock-summary-path"))
                                .getDomAttribute("data-path"))
                        .toList());
    }

    private LiveResponse tryOut(WebElement operation) {
        return tryOut(operation, null);
    }

    /** Expands the operation, "Try it out", replaces the request body if one is given, "Execute". */
    private LiveResponse tryOut(WebElement operation, String body) {
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        waitFor()
                .until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".try-out__btn"))))
                .click();
        if (body != null) {
            WebElement text = waitFor()
                    .until(ExpectedConditions.visibilityOf(
                            operation.findElement(By.cssSelector("textarea.body-param__text"))));
            // Selenium's clear() bypasses React's change event; select and type, as a person does.
            text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            text.sendKeys(body);
            assertThat(text.getDomProperty("value")).isEqualTo(body);
        }
        waitFor()
                .until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.execute"))))
                .click();
        WebElement response = waitFor()
                .until(driver -> operation.findElements(By.cssSelector(".live-responses-table .response")).stream()
                        .findFirst()
                        .orElse(null));
        // A request that the browser refused to send (CORS, network) shows as "Failed to fetch".
        assertThat(response.getText()).doesNotContain("Failed to fetch").doesNotContain("CORS");
        String status = response.findElement(By.cssSelector(".response-col_status"))
                .getText()
                .strip();
        List<WebElement> code = response.findElements(By.cssSelector(".response-col_description .highlight-code code"));
        return new LiveResponse(
                status.split("\\s+")[0], code.isEmpty() ? "" : code.get(0).getDomProperty("textContent"));
    }

    /** What the page logged as errors: a script that failed, a resource refused (say by a Content-Security-Policy). */
    private static List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static WebDriverWait waitFor() {
        return new WebDriverWait(browser, WAIT);
    }

    private static String saveEvidence(String test) {
        String stem = test + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(FAILURES);
            Path screenshot = FAILURES.resolve(stem + ".png").toAbsolutePath();
            Path source = FAILURES.resolve(stem + ".html").toAbsolutePath();
            Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(source, browser.getPageSource());
            return "Browser at " + browser.getCurrentUrl() + "; screenshot: " + screenshot + ", page source: " + source
                    + "; console errors: " + browserErrors();
        } catch (IOException | RuntimeException e) {
            return "Could not save a screenshot and the page source under " + FAILURES.toAbsolutePath() + ": " + e;
        }
    }

    /** What Swagger UI shows under "Server response": the code and the response body. */
    private record LiveResponse(String status, String body) {}
}

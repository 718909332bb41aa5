package school.activity.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import school.activity.demo.school.SchoolSize;

/**
 * The whole demo stack (real PostgreSQL, Kafka, both services from their built jars, traffic on) on free ports with
 * a data folder of its own, and its dashboard in a real headless Chromium: the three channels connect in delta mode,
 * the totals are the seeded school's, online counts appear from the simulated traffic, the header counts come from
 * the summary channel, the online history is drawn, the table renders and filters. Runs in
 * {@code verify} after the services' jars are packaged. Skipped only when Chromium is missing outside CI.
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(120);
    private static final String[] CHANNELS = {"students", "teachers", "parents"};

    private static Path dataDir;
    private static Path userDataDir;
    private static DemoStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void startStackAndBrowser() throws IOException {
        boolean browserInstalled = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browserInstalled && System.getenv("CI") != null) {
            fail("CI must run the browser test: install Debian's chromium and chromium-driver");
        }
        assumeTrue(browserInstalled, "chromium and chromium-driver are not installed: browser test skipped");

        Path projectDir = Path.of(System.getProperty("demo.project-dir", ".."));
        dataDir = Files.createTempDirectory("demo-e2e-data");
        DemoSettings settings = DemoSettings.resolve(List.of(
                "--activity.demo.project-dir=" + projectDir,
                "--activity.demo.data-dir=" + dataDir,
                "--activity.demo.tracker-port=0",
                "--activity.demo.broadcaster-port=0",
                "--activity.demo.platform-port=0",
                "--activity.demo.traffic=on",
                "--activity.demo.startup-timeout=240s",
                // Snapshots every 2 s rather than 10 s, so the test sees traffic turn into online users sooner.
                "--activity.broadcast.interval=2s"), new Properties(), Map.of());
        stack = new DemoStack(settings);
        stack.start();

        userDataDir = Files.createTempDirectory("demo-e2e-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        deleteQuietly(userDataDir);
        deleteQuietly(dataDir);
    }

    @Test
    void dashboardShowsTheLiveSchool() throws IOException {
        browser.get(stack.dashboardUrl());

        // The token is taken from the URL and removed from the address bar.
        assertThat(browser.getCurrentUrl()).doesNotContain("access_token");

        await().atMost(LIVE_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String channel : CHANNELS) {
                WebElement state = browser.findElement(By.id(channel + "-state"));
                assertThat(state.getDomAttribute("data-state")).as(channel + " connection state").isEqualTo("connected");
                assertThat(state.getText()).as(channel + " state text").isEqualTo("Live");
            }
            assertThat(number(channel("students", "total"))).isEqualTo(SchoolSize.REFERENCE.students());
            assertThat(number(channel("teachers", "total"))).isEqualTo(SchoolSize.REFERENCE.teachers());
            assertThat(number(channel("parents", "total"))).isEqualTo(SchoolSize.REFERENCE.parents());
        });

        // Delta mode: every channel holds a picture with its seq, built from a snapshot and the deltas after it.
        await().atMost(LIVE_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String channel : CHANNELS) {
                assertThat(channel(channel, "meta")).as(channel + " delta state").contains("seq ").contains("delta");
            }
            assertThat(browser.findElement(By.id("traffic")).getText()).contains("Received in the last minute");
        });

        // The header counts come from the summary channel.
        await().atMost(LIVE_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("summary-state")).getDomAttribute("data-state")).isEqualTo("connected");
            assertThat(withoutGrouping(browser.findElement(By.id("summary-students")).getText()))
                    .endsWith("/ " + SchoolSize.REFERENCE.students());
        });

        // The online history: at least one minute, drawn as a point per role.
        await().atMost(LIVE_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(texts("#history-chart circle.point[data-role=students]")).isNotEmpty());

        // Simulated users go through the tracker, Kafka, the consumer and PostgreSQL, then appear as online.
        await().atMost(LIVE_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String channel : CHANNELS) {
                assertThat(number(channel(channel, "online"))).as(channel + " online").isPositive();
            }
        });

        // The student table: rendered page by page, with the count of what is shown.
        assertThat(texts("#table-body tr")).hasSize(500);
        assertThat(withoutGrouping(browser.findElement(By.id("table-count")).getText())).isEqualTo("Showing 500 of 2000");

        // Online only: every row shown is online.
        browser.findElement(By.id("online-only")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> statuses = texts("#table-body td.status-cell");
            assertThat(statuses).isNotEmpty().allMatch("Online"::equals);
        });
        browser.findElement(By.id("online-only")).click();

        // Search by name: every row shown carries the name searched for.
        String firstName = texts("#table-body td.name").get(0).split(" ")[0];
        browser.findElement(By.id("search")).sendKeys(firstName);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> names = texts("#table-body td.name");
            assertThat(names).isNotEmpty().allMatch(name -> name.toLowerCase().contains(firstName.toLowerCase()));
            assertThat(names.size()).isLessThan(2000);
        });
        browser.findElement(By.id("search")).clear();
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('search').dispatchEvent(new Event('input'))");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(withoutGrouping(browser.findElement(By.id("table-count")).getText()))
                        .isEqualTo("Showing 500 of 2000"));

        Path screenshot = Path.of(System.getProperty("demo.screenshot", "target/dashboard.png"));
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(screenshot).isNotEmptyFile();
    }

    private static String channel(String channel, String field) {
        return browser.findElement(By.id(channel + "-" + field)).getText();
    }

    /** Read in one script, so a table re-rendered by the next snapshot cannot leave stale element references. */
    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent.trim())", selector);
    }

    /** "2,000" (the page formats numbers for the browser's locale) as 2000; anything else fails. */
    private static int number(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        assertThat(digits).as("a number in '%s'", text).isNotEmpty();
        return Integer.parseInt(digits);
    }

    /** Drops the locale's digit grouping: "2,000" and "2 000" become "2000". */
    private static String withoutGrouping(String text) {
        return text.replaceAll("(\\d)[,.\u00a0\u202f ](?=\\d{3}\\b)", "$1");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

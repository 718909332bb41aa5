package school.activity.broadcaster.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.ExtraInstance;
import school.activity.broadcaster.support.TestTokens;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

/** The profile has every instance try to write the current minute every 200 ms. */
class OnlineHistoryTest extends OnDemandBroadcasterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A request the server never answers fails the test instead of holding the build. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WHOLE_MINUTE_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00Z";

    @Autowired
    private MeterRegistry meters;

    @Test
    void twoInstancesRacingForEachMinuteWriteItOnceAndEitherServesIt() throws Exception {
        long online = school.addUser(Role.STUDENT, "history online");
        school.activeSecondsAgo(online, 1);
        try (ExtraInstance second = ExtraInstance.start("on-demand", databaseUrl, "activity.instance-id=history-second")) {
            MeterRegistry secondMeters = second.context().getBean(MeterRegistry.class);
            await().atMost(WsClient.WAIT).until(() -> writes(secondMeters, "present") + writes(secondMeters, "written") > 0);

            // The current minute is written again, by whichever of the two instances comes first.
            double writtenBefore = writes(meters, "written") + writes(secondMeters, "written");
            double presentBefore = writes(meters, "present");
            double secondPresentBefore = writes(secondMeters, "present");
            OffsetDateTime cleared = school.jdbc().queryForObject("""
                    WITH gone AS (DELETE FROM activity_online_minute WHERE minute >= date_trunc('minute', now()))
                    SELECT date_trunc('minute', now())
                    """, OffsetDateTime.class);
            await().atMost(WsClient.WAIT).until(() -> writes(meters, "present") > presentBefore
                    && writes(secondMeters, "present") > secondPresentBefore
                    && writes(meters, "written") + writes(secondMeters, "written") > writtenBefore);

            int minutesWritten = school.jdbc().queryForObject(
                    "SELECT count(DISTINCT minute) FROM activity_online_minute WHERE minute >= ?",
                    Integer.class, cleared);
            assertThat(writes(meters, "written") + writes(secondMeters, "written") - writtenBefore)
                    .as("each minute written by exactly one instance").isEqualTo(minutesWritten);
            assertThat(writes(meters, "failed") + writes(secondMeters, "failed")).isZero();

            for (int instancePort : new int[] {port, second.port()}) {
                JsonNode history = JSON.readTree(history(instancePort, TestTokens.admin(), "").body());
                assertThat(List.copyOf(history.propertyNames())).containsExactly("interval_seconds", "points");
                assertThat(history.get("interval_seconds").asInt()).isEqualTo(60);
                List<Instant> minutes = new ArrayList<>();
                for (JsonNode point : history.get("points")) {
                    assertThat(List.copyOf(point.propertyNames())).containsExactly("at", "students", "teachers", "parents");
                    assertThat(point.get("at").asString()).matches(WHOLE_MINUTE_UTC);
                    minutes.add(Instant.parse(point.get("at").asString()));
                }
                assertThat(minutes).as("one point per minute, oldest first").isSorted().doesNotHaveDuplicates();
                JsonNode newest = history.get("points").get(history.get("points").size() - 1);
                assertThat(newest.get("students").asInt()).isPositive();
            }
        }
    }

    @Test
    void pointsComeOldestFirstWithinTheMinutesAsked() throws Exception {
        // Minutes long before this test database existed, with known counts; the second has no parent row.
        school.jdbc().update("""
                INSERT INTO activity_online_minute (minute, role, online)
                SELECT date_trunc('minute', now()) - make_interval(mins => m), r, c
                FROM (VALUES (1002, 'student', 5), (1002, 'teacher', 2), (1002, 'parent', 1),
                             (1001, 'student', 7), (1001, 'teacher', 3)) AS v(m, r, c)
                ON CONFLICT DO NOTHING
                """);

        JsonNode day = JSON.readTree(history(port, TestTokens.admin(), "?minutes=1440").body());
        JsonNode hour = JSON.readTree(history(port, TestTokens.admin(), "").body());
        JsonNode lastMinutes = JSON.readTree(history(port, TestTokens.admin(), "?minutes=1002").body());

        JsonNode first = day.get("points").get(0);
        JsonNode next = day.get("points").get(1);
        assertThat(Instant.parse(next.get("at").asString()))
                .isEqualTo(Instant.parse(first.get("at").asString()).plusSeconds(60));
        assertThat(List.of(first.get("students").asInt(), first.get("teachers").asInt(), first.get("parents").asInt()))
                .containsExactly(5, 2, 1);
        assertThat(List.of(next.get("students").asInt(), next.get("teachers").asInt(), next.get("parents").asInt()))
                .containsExactly(7, 3, 0);
        assertThat(hour.get("points").size()).isLessThan(day.get("points").size());
        assertThat(lastMinutes.get("points").get(0).get("at")).isEqualTo(next.get("at"));
    }

    @Test
    void rowsPastTheRetentionAreDeletedAndYoungerOnesKept() {
        school.jdbc().update("""
                INSERT INTO activity_online_minute (minute, role, online)
                VALUES (date_trunc('minute', now()) - interval '31 days', 'student', 3),
                       (date_trunc('minute', now()) - interval '29 days', 'student', 4)
                """);

        await().atMost(WsClient.WAIT).until(() -> school.jdbc().queryForObject(
                "SELECT count(*) FROM activity_online_minute WHERE minute < now() - interval '30 days'",
                Integer.class) == 0);
        assertThat(school.jdbc().queryForObject(
                "SELECT count(*) FROM activity_online_minute WHERE minute < now() - interval '28 days'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void aBadMinutesIsA400AndTheHistoryNeedsAStatusRole() throws Exception {
        for (String minutes : List.of("?minutes=0", "?minutes=1441", "?minutes=abc", "?minutes=-5", "?minutes=60.5")) {
            HttpResponse<String> response = history(port, TestTokens.admin(), minutes);
            assertThat(response.statusCode()).as(minutes).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(response.body()).contains("\"error\":\"bad_request\"");
        }
        assertThat(history(port, TestTokens.admin(), "?minutes=1440").statusCode()).isEqualTo(200);
        HttpResponse<String> none = history(port, null, "");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(history(port, TestTokens.expiredAdmin(), "").statusCode()).isEqualTo(401);
        HttpResponse<String> student = history(port, TestTokens.forRole("student"), "");
        assertThat(student.statusCode()).isEqualTo(403);
        assertThat(student.body()).contains("\"error\":\"forbidden\"");
    }

    private static double writes(MeterRegistry registry, String outcome) {
        Counter counter = registry.find("activity.history.writes").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static HttpResponse<String> history(int port, String token, String query)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/activity/history" + query)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package school.activity.tracker.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ErrorResponse;
import school.activity.shared.token.RejectionReason;
import school.activity.tracker.EchoEndpoint;
import school.activity.tracker.TestTokens;
import school.activity.tracker.TrackerClient;
import school.activity.tracker.TrackerIntegrationTest;
import school.activity.tracker.publish.ActivityRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityTrackingIntegrationTest extends TrackerIntegrationTest {

    private static final int USERS = 100;
    private static final int REQUESTS_PER_USER = 10;
    private static final int CLIENT_THREADS = 16;

    @Autowired
    private ActivityRecorder recorder;

    @Test
    void requestWithValidTokenBecomesARowWithItsArrivalTime() {
        long user = rows.seedUser("+998900000001");

        TrackerClient.Call call = client.echo(TestTokens.valid(user, "+998900000001"));

        assertThat(call.response().statusCode()).isEqualTo(200);
        assertThat(call.response().body()).isEqualTo(EchoEndpoint.BODY);
        eventually().untilAsserted(() -> assertThat(rows.row(user)).hasValueSatisfying(row -> {
            assertThat(call.brackets(row.lastActive())).as("last_active %s within the request", row.lastActive()).isTrue();
            assertThat(row.phone()).isEqualTo("+998900000001");
            assertThat(row.updatedAt()).isNotNull();
        }));
    }

    @Test
    void tokenWithoutPhoneTakesThePhoneOfUsers() {
        long user = rows.seedUser("+998900000002");

        client.echo(TestTokens.valid(user, null));

        eventually().untilAsserted(() -> assertThat(rows.row(user))
                .hasValueSatisfying(row -> assertThat(row.phone()).isEqualTo("+998900000002")));
    }

    @Test
    void thousandRequestsFromHundredUsersLeaveHundredRowsWithEachUsersNewestTime() throws Exception {
        List<Long> users = rows.seedUsers(USERS, "+99891");
        Map<Long, TrackerClient.Call> lastCalls = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (long user : users) {
                String token = TestTokens.valid(user, null);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_USER; i++) {
                        TrackerClient.Call call = client.echo(token);
                        assertThat(call.response().statusCode()).isEqualTo(200);
                        lastCalls.put(user, call);
                    }
                }));
            }
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }

        eventually().untilAsserted(() -> {
            assertThat(rows.count(users)).isEqualTo(USERS);
            for (long user : users) {
                Instant stored = rows.lastActive(user).orElseThrow();
                assertThat(lastCalls.get(user).brackets(stored))
                        .as("user %d: %s is the arrival of the last request", user, stored).isTrue();
            }
        });
    }

    @Test
    void invalidTokensRecordNothingAndLeaveTheResponseUnchanged() {
        long user = rows.seedUser("+998900000003");
        TrackerClient.Call untracked = client.get(TrackerClient.ECHO, null);
        double recordedBefore = count("activity.tracker.events.recorded");
        int pendingBefore = recorder.pendingUsers();

        TestTokens.invalidAuthorizations(user).forEach((kind, authorization) -> {
            TrackerClient.Call call = client.get(TrackerClient.ECHO, authorization);
            assertThat(call.response().statusCode()).as(kind).isEqualTo(untracked.response().statusCode());
            assertThat(call.response().body()).as(kind).isEqualTo(untracked.response().body());
            assertThat(call.response().headers().firstValue("Content-Type"))
                    .as(kind).isEqualTo(untracked.response().headers().firstValue("Content-Type"));
        });

        // The filter records on the request thread, so by now every recording would have happened.
        assertThat(count("activity.tracker.events.recorded")).isEqualTo(recordedBefore);
        assertThat(recorder.pendingUsers()).isEqualTo(pendingBefore);
        // A valid request afterwards lands; the invalid ones before it never did.
        long witness = rows.seedUser("+998900000004");
        client.echo(TestTokens.valid(witness, null));
        eventually().until(() -> rows.lastActive(witness).isPresent());
        awaitAllConsumed();
        assertThat(rows.lastActive(user)).isEmpty();
    }

    @Test
    void heartbeatAnswers204WithAValidTokenAndIsTracked() {
        long user = rows.seedUser("+998900000005");

        TrackerClient.Call call = client.post("/activity/heartbeat", "Bearer " + TestTokens.valid(user, null));

        assertThat(call.response().statusCode()).isEqualTo(204);
        assertThat(call.response().body()).isEmpty();
        eventually().untilAsserted(() -> assertThat(rows.lastActive(user))
                .hasValueSatisfying(stored -> assertThat(call.brackets(stored)).isTrue()));
    }

    @Test
    void aTokenWithoutExpiryIsRefusedWithItsOwnReasonAndNeverTracked() {
        long user = rows.seedUser("+998900000007");
        String eternal = TestTokens.ISSUER.builder(user, "student", null).expiration(null).compact();

        TrackerClient.Call heartbeat = client.post("/activity/heartbeat", "Bearer " + eternal);
        client.echo(eternal);

        assertThat(heartbeat.response().statusCode()).isEqualTo(401);
        assertThat(ActivityJson.mapper().readValue(heartbeat.response().body(), ErrorResponse.class).message())
                .isEqualTo(RejectionReason.MISSING_EXPIRY.description());
        long witness = rows.seedUser("+998900000008");
        client.echo(TestTokens.valid(witness, null));
        eventually().until(() -> rows.lastActive(witness).isPresent());
        awaitAllConsumed();
        assertThat(rows.lastActive(user)).isEmpty();
    }

    @Test
    void heartbeatAnswers401WithJsonWithoutAValidToken() {
        long user = rows.seedUser("+998900000006");
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("no header", null);
        authorizations.putAll(TestTokens.invalidAuthorizations(user));

        authorizations.forEach((kind, authorization) -> {
            TrackerClient.Call call = client.post("/activity/heartbeat", authorization);
            assertThat(call.response().statusCode()).as(kind).isEqualTo(401);
            assertThat(call.response().headers().firstValue("Content-Type")).as(kind)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            ErrorResponse error = ActivityJson.mapper().readValue(call.response().body(), ErrorResponse.class);
            assertThat(error.error()).as(kind).isEqualTo("unauthorized");
            assertThat(error.message()).as(kind).isNotBlank();
        });
    }
}

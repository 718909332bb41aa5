package school.activity.tracker.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ErrorResponse;
import school.activity.shared.token.TokenIssuer;
import school.activity.shared.token.TokenSettings;
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

        invalidAuthorizations(user).forEach((kind, authorization) -> {
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
    void heartbeatAnswers401WithJsonWithoutAValidToken() {
        long user = rows.seedUser("+998900000006");
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("no header", null);
        authorizations.putAll(invalidAuthorizations(user));

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

    /** One of each kind of token the verifier refuses, as Authorization header values. */
    static Map<String, String> invalidAuthorizations(long user) {
        TokenIssuer issuer = TestTokens.ISSUER;
        Instant now = Instant.now();
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("expired", bearer(issuer.builder(user, "student", "+998900009999")
                .issuedAt(Date.from(now.minus(Duration.ofHours(2))))
                .expiration(Date.from(now.minus(Duration.ofHours(1)))).compact()));
        kinds.put("not yet valid", bearer(issuer.builder(user, "student", null)
                .notBefore(Date.from(now.plus(Duration.ofHours(1))))
                .expiration(Date.from(now.plus(Duration.ofHours(2)))).compact()));
        kinds.put("wrong signature", bearer(TokenIssuer.hmac(TokenSettings.hmac(
                "another-secret-that-is-long-enough-0123456789")).issue(user, "student", null, Duration.ofHours(1))));
        kinds.put("unsigned", bearer(unsigned("{\"sub\":\"" + user + "\",\"role\":\"student\"}")));
        kinds.put("tampered payload", bearer(tamper(TestTokens.valid(user, null), user + 1)));
        kinds.put("malformed", bearer("not.a.token"));
        kinds.put("garbage", bearer("%%%"));
        kinds.put("no user id", bearer(issuer.builder(user, "student", null).subject(null)
                .expiration(Date.from(now.plus(Duration.ofHours(1)))).compact()));
        kinds.put("non-numeric user id", bearer(issuer.builder(user, "student", null).subject("abc")
                .expiration(Date.from(now.plus(Duration.ofHours(1)))).compact()));
        kinds.put("negative user id", bearer(issuer.builder(user, "student", null).subject("-5")
                .expiration(Date.from(now.plus(Duration.ofHours(1)))).compact()));
        kinds.put("empty bearer", "Bearer ");
        kinds.put("other scheme", "Basic " + TestTokens.valid(user, null));
        return kinds;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String unsigned(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The signature of one token on the claims of another user. */
    private static String tamper(String token, long otherUser) {
        String[] parts = token.split("\\.");
        String[] other = TestTokens.valid(otherUser, null).split("\\.");
        return parts[0] + "." + other[1] + "." + parts[2];
    }
}

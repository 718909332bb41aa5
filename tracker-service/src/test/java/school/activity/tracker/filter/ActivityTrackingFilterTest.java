package school.activity.tracker.filter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import school.activity.shared.token.TokenSettings;
import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;
import school.activity.tracker.TestTokens;
import school.activity.tracker.publish.ActivityRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityTrackingFilterTest {

    private static final Instant ARRIVAL = Instant.parse("2025-09-01T10:30:45.123456789Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ActivityRecorder recorder = new ActivityRecorder(registry);
    private final TokenVerifier verifier = new TokenVerifier(TokenSettings.hmac(TestTokens.SECRET));

    @Test
    void validTokenIsRecordedAtArrivalAndTheVerificationIsKeptForTheEndpoint() throws Exception {
        MockHttpServletRequest request = request("Bearer " + TestTokens.valid(42, "+998901234567"));
        MockFilterChain chain = new MockFilterChain();

        filter(Clock.fixed(ARRIVAL, ZoneOffset.UTC)).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(request.getAttribute(ActivityTrackingFilter.VERIFICATION_ATTRIBUTE))
                .isInstanceOf(TokenVerification.Accepted.class);
        assertThat(registry.get("activity.tracker.events.recorded").counter().count()).isEqualTo(1);
        assertThat(recorder.pendingUsers()).isEqualTo(1);
    }

    @Test
    void invalidOrMissingTokenRecordsNothingAndTheRequestGoesOn() throws Exception {
        for (String authorization : new String[] {null, "Bearer nonsense", "Basic abc"}) {
            MockHttpServletRequest request = request(authorization);
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();

            filter(Clock.systemUTC()).doFilter(request, response, chain);

            assertThat(chain.getRequest()).isSameAs(request);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(request.getAttribute(ActivityTrackingFilter.VERIFICATION_ATTRIBUTE))
                    .isInstanceOf(TokenVerification.Rejected.class);
        }
        assertThat(recorder.pendingUsers()).isZero();
    }

    @Test
    void aFailureInsideTrackingNeverFailsTheRequest() throws Exception {
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("clock failure");
            }
        };
        MockHttpServletRequest request = request("Bearer " + TestTokens.valid(42, null));
        MockFilterChain chain = new MockFilterChain();

        filter(broken).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(registry.get("activity.tracker.filter.failures").counter().count()).isEqualTo(1);
    }

    private ActivityTrackingFilter filter(Clock clock) {
        return new ActivityTrackingFilter(verifier, recorder, clock, registry);
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/lessons");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}

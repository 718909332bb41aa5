package school.activity.tracker.filter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.token.AuthenticatedUser;
import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;
import school.activity.tracker.publish.ActivityRecorder;

/**
 * Marks the user of every request with a valid Bearer token active as of the request's arrival. Tracking never
 * rejects, delays or fails a request: it verifies the token, hands an event to the in-memory recorder and goes
 * on; anything going wrong is counted and the request proceeds untouched.
 */
public final class ActivityTrackingFilter extends OncePerRequestFilter {

    /** First of all filters, so the arrival time is taken before anything else runs. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;
    /** The request attribute holding this request's {@link TokenVerification}, for endpoints that need the user. */
    public static final String VERIFICATION_ATTRIBUTE = ActivityTrackingFilter.class.getName() + ".verification";

    private static final Logger log = LoggerFactory.getLogger(ActivityTrackingFilter.class);

    private final TokenVerifier verifier;
    private final ActivityRecorder recorder;
    private final Clock clock;
    private final Counter failures;

    public ActivityTrackingFilter(TokenVerifier verifier, ActivityRecorder recorder, Clock clock,
            MeterRegistry registry) {
        this.verifier = verifier;
        this.recorder = recorder;
        this.clock = clock;
        this.failures = Counter.builder("activity.tracker.filter.failures")
                .description("Requests whose tracking failed unexpectedly (the request itself went on)")
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        track(request);
        chain.doFilter(request, response);
    }

    private void track(HttpServletRequest request) {
        try {
            Instant arrival = clock.instant();
            TokenVerification verification = verifier.verifyAuthorizationHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
            request.setAttribute(VERIFICATION_ATTRIBUTE, verification);
            if (verification instanceof TokenVerification.Accepted accepted) {
                AuthenticatedUser user = accepted.user();
                recorder.record(new ActivityEvent(user.userId(), user.phone(), arrival));
            }
        } catch (RuntimeException e) {
            failures.increment();
            // Only the type: a message could quote the token or the phone.
            log.warn("Activity tracking failed for a request: {}", e.getClass().getName());
        }
    }
}

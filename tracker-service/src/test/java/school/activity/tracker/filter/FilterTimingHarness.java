package school.activity.tracker.filter;

import java.time.Clock;
import java.util.Arrays;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import school.activity.shared.token.TokenSettings;
import school.activity.shared.token.TokenVerifier;
import school.activity.tracker.TestTokens;
import school.activity.tracker.publish.ActivityRecorder;

/**
 * How long a request waits in the tracking filter: a valid HS256 token verified, the event recorded, the chain
 * called. Prints percentiles; never asserts (figures depend on the machine). Not a test: run its main.
 * Arguments: [invocations (default 1,000,000)] [distinct users (default 5,150)].
 */
public final class FilterTimingHarness {

    private static final int WARM_UP = 200_000;

    private FilterTimingHarness() {
    }

    public static void main(String[] args) throws Exception {
        int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 5_150;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityRecorder recorder = new ActivityRecorder(registry);
        ActivityTrackingFilter filter = new ActivityTrackingFilter(
                new TokenVerifier(TokenSettings.hmac(TestTokens.SECRET)), recorder, Clock.systemUTC(), registry);
        MockHttpServletRequest[] requests = new MockHttpServletRequest[users];
        for (int i = 0; i < users; i++) {
            requests[i] = new MockHttpServletRequest("GET", "/api/lessons");
            requests[i].addHeader("Authorization", "Bearer " + TestTokens.valid(i + 1, "+99890" + (1_000_000 + i)));
        }
        MockHttpServletRequest anonymous = new MockHttpServletRequest("GET", "/api/lessons");

        run(filter, requests, WARM_UP);
        long[] withToken = run(filter, requests, invocations);
        run(filter, new MockHttpServletRequest[] {anonymous}, WARM_UP);
        long[] withoutToken = run(filter, new MockHttpServletRequest[] {anonymous}, invocations);

        print("valid token", withToken);
        print("no token", withoutToken);
        System.out.printf("recorder holds %d users after %d recorded events%n", recorder.pendingUsers(),
                (long) registry.get("activity.tracker.events.recorded").counter().count());
    }

    private static long[] run(ActivityTrackingFilter filter, MockHttpServletRequest[] requests, int invocations)
            throws Exception {
        long[] nanos = new long[invocations];
        MockHttpServletResponse response = new MockHttpServletResponse();
        for (int i = 0; i < invocations; i++) {
            MockHttpServletRequest request = requests[i % requests.length];
            request.clearAttributes();
            MockFilterChain chain = new MockFilterChain();
            long start = System.nanoTime();
            filter.doFilter(request, response, chain);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void print(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-12s n=%d  p50=%,d ns  p90=%,d ns  p99=%,d ns  p99.9=%,d ns  max=%,d ns%n", label,
                sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999),
                sorted[sorted.length - 1]);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}

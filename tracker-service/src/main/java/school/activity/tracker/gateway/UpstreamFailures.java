package school.activity.tracker.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import school.activity.support.JsonErrors;

/**
 * Turns a failed exchange with the upstream into the caller's answer: 504 when the upstream stayed silent past a
 * timeout (connect or response), 502 when it could not be reached or broke the exchange. Never a 500.
 */
final class UpstreamFailures {

    static final int BAD_GATEWAY = 502;
    static final int GATEWAY_TIMEOUT = 504;
    private static final Logger log = LoggerFactory.getLogger(UpstreamFailures.class);

    private final Counter timeouts;
    private final Counter unavailable;

    UpstreamFailures(MeterRegistry registry) {
        this.timeouts = Counter.builder("activity.gateway.upstream.failures").tag("outcome", "timeout")
                .description("Forwarded requests answered 504: the upstream stayed silent too long").register(registry);
        this.unavailable = Counter.builder("activity.gateway.upstream.failures").tag("outcome", "unavailable")
                .description("Forwarded requests answered 502: the upstream was unreachable or broke the exchange")
                .register(registry);
    }

    /** Failures of the exchange itself (I/O), as opposed to bugs, which keep their usual handling. */
    boolean isUpstreamFailure(Throwable failure) {
        return failure instanceof ResourceAccessException || causeOfType(failure, IOException.class);
    }

    ServerResponse respond(Throwable failure, ServerRequest request) {
        boolean timedOut = causeOfType(failure, InterruptedIOException.class)
                || causeOfType(failure, HttpTimeoutException.class);
        // The path and query may carry personal data: log only the kind of failure.
        log.debug("upstream exchange failed ({}): {}", timedOut ? "timeout" : "unavailable", rootCause(failure).getClass().getName());
        if (timedOut) {
            timeouts.increment();
            return error(GATEWAY_TIMEOUT, "upstream_timeout", "The upstream API did not answer in time.");
        }
        unavailable.increment();
        return error(BAD_GATEWAY, "upstream_unavailable", "The upstream API could not be reached.");
    }

    private static ServerResponse error(int status, String error, String message) {
        return ServerResponse.status(status).build((request, response) -> {
            JsonErrors.write(response, status, error, message);
            return null;
        });
    }

    private static boolean causeOfType(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

package school.activity.tracker.filter;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.tracker.http.*}: the request side of the tracker.
 *
 * @param enabled        false runs a consumer-only replica: no tracking filter, heartbeat or publisher; the port then
 *                       serves only the actuator
 * @param threadsPerCore Tomcat request threads per available core while the tracker does not forward requests: its
 *                       own request path never waits (the filter records in memory), so more threads than this only
 *                       take CPU from the consumer threads in the same process. Gateway mode, whose requests wait
 *                       for the upstream, keeps Spring's default; an explicit {@code server.tomcat.threads.max} wins
 */
@Validated
@ConfigurationProperties("activity.tracker.http")
public record HttpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8") @Min(1) int threadsPerCore) {

    /** The request threads for this machine. */
    public int requestThreads(int cores) {
        return threadsPerCore * cores;
    }
}

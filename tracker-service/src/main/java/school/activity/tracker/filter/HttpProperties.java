package school.activity.tracker.filter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code activity.tracker.http.*}: the request side of the tracker.
 *
 * @param enabled false runs a consumer-only replica: no tracking filter, heartbeat or publisher; the port then
 *                serves only the actuator
 */
@ConfigurationProperties("activity.tracker.http")
public record HttpProperties(@DefaultValue("true") boolean enabled) {
}

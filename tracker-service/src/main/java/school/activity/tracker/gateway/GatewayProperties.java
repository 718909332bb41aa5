package school.activity.tracker.gateway;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's settings, under the tracker's own prefix {@code activity.tracker} (the tracking settings of the
 * same prefix live in their own record).
 *
 * @param upstreamUrl            the platform API every request other than the tracker's own endpoints is forwarded to
 *                               ({@code http(s)://host[:port][/base-path]}); unset or blank: gateway off, other paths
 *                               answer 404 (env {@code ACTIVITY_UPSTREAM_URL})
 * @param upstreamTimeout        longest silence from the upstream while waiting for (or reading) its response; past it
 *                               the caller gets 504 if nothing was sent yet
 * @param upstreamConnectTimeout longest wait for a TCP connection to the upstream; past it the caller gets 504
 * @param upstreamMaxConnections connection pool size towards the upstream (requests beyond it wait for a connection)
 */
@Validated
@ConfigurationProperties("activity.tracker")
public record GatewayProperties(
        URI upstreamUrl,
        @DefaultValue("30s") @NotNull Duration upstreamTimeout,
        @DefaultValue("5s") @NotNull Duration upstreamConnectTimeout,
        @DefaultValue("1000") @Min(1) int upstreamMaxConnections) {

    public boolean gatewayEnabled() {
        return upstreamUrl != null && !upstreamUrl.toString().isBlank();
    }

    @AssertTrue(message = "must be an absolute http(s) URL with a host and no query or fragment")
    public boolean isUpstreamUrlUsable() {
        if (!gatewayEnabled()) {
            return true;
        }
        String scheme = upstreamUrl.getScheme();
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && upstreamUrl.getHost() != null
                && upstreamUrl.getRawQuery() == null
                && upstreamUrl.getRawFragment() == null;
    }

    @AssertTrue(message = "upstream timeouts must be positive")
    public boolean isTimeoutsPositive() {
        return upstreamTimeout != null && upstreamConnectTimeout != null
                && !upstreamTimeout.isNegative() && !upstreamTimeout.isZero()
                && !upstreamConnectTimeout.isNegative() && !upstreamConnectTimeout.isZero();
    }

    /** The upstream's base path to put in front of every forwarded path; empty when it has none. */
    public String upstreamBasePath() {
        String path = gatewayEnabled() ? upstreamUrl.getRawPath() : null;
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

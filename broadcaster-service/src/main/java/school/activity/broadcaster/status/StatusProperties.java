package school.activity.broadcaster.status;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.status.*}: {@code GET /activity/status} and the instance rows it sums.
 *
 * @param allowedRoles             token roles that may read the status
 * @param heartbeatInterval        how often this instance writes its connection counts
 * @param instanceExpiry           a row not refreshed for this long is ignored and pruned; keep it a few
 *                                 heartbeat intervals long
 * @param recentActivityLimit      {@code recent_activity} length when the request names no {@code limit}
 * @param recentActivityMaxLimit   the largest {@code limit} served; larger values are capped
 */
@Validated
@ConfigurationProperties("activity.status")
public record StatusProperties(
        @DefaultValue("admin") @NotEmpty List<@NotBlank String> allowedRoles,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration heartbeatInterval,
        @DefaultValue("20s") @DurationMin(millis = 200) Duration instanceExpiry,
        @DefaultValue("50") @Min(1) int recentActivityLimit,
        @DefaultValue("500") @Min(1) int recentActivityMaxLimit) {

    public StatusProperties {
        allowedRoles = List.copyOf(allowedRoles);
    }

    @AssertTrue(message = "instance-expiry must be longer than heartbeat-interval")
    public boolean isExpiryLongerThanHeartbeat() {
        return instanceExpiry.compareTo(heartbeatInterval) > 0;
    }

    @AssertTrue(message = "recent-activity-limit must not exceed recent-activity-max-limit")
    public boolean isDefaultLimitWithinMax() {
        return recentActivityLimit <= recentActivityMaxLimit;
    }
}

package school.activity.broadcaster.snapshot;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.ws.phone}: what the channels and the status show of phone numbers.
 *
 * @param phone {@code full}, {@code masked} (last 4 digits) or {@code hidden}
 */
@Validated
@ConfigurationProperties("activity.ws")
public record PhoneProperties(@DefaultValue("full") @NotNull PhonePolicy phone) {
}

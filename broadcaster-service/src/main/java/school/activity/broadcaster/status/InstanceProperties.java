package school.activity.broadcaster.status;

import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.instance-id}.
 *
 * @param instanceId this instance's name in {@code activity_broadcaster_instance}; blank: host name plus a random
 *                   suffix, so two instances on one host never share a row
 */
@Validated
@ConfigurationProperties("activity")
public record InstanceProperties(@Size(max = 200) String instanceId) {
}

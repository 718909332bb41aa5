package school.activity.broadcaster.channel;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.ws.*} settings of the channels themselves.
 *
 * @param maxConnectionsPerChannel connections per channel on this instance; the next handshake gets 503
 */
@Validated
@ConfigurationProperties("activity.ws")
public record ChannelProperties(@DefaultValue("3000") @Min(1) int maxConnectionsPerChannel) {
}

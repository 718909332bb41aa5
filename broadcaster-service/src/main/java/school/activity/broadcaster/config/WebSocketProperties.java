package school.activity.broadcaster.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import school.activity.broadcaster.snapshot.PhonePolicy;
import school.activity.shared.contract.Role;

/**
 * {@code activity.ws.*}: the three channels' admission, delivery and privacy rules.
 *
 * @param auth                     {@code token}: a JWT whose role is allowed for the channel; {@code none}: open,
 *                                 as in the seed
 * @param allowedRoles             token roles admitted per channel
 * @param allowedOrigins           Origin patterns admitted at the handshake ({@code *}: any; a request without an
 *                                 Origin header, i.e. not from a browser, is always admitted)
 * @param maxConnectionsPerChannel connections per channel on this instance; the next handshake gets 503
 * @param retryAfter               the {@code Retry-After} of a 503 refusal
 * @param sendTimeLimit            a frame not delivered within this time drops its client
 * @param sendBufferLimit          bytes handed to one client and not yet written (the frame in flight plus the
 *                                 newest waiting one); more drops the client
 * @param pingInterval             a ping every interval; a peer that has not answered the previous one is closed
 * @param maxIncomingMessageSize   larger client messages close the session with 1009 (clients send nothing)
 * @param phone                    the phone field: {@code full}, {@code masked} (last 4 digits) or {@code hidden}
 * @param shutdownTimeout          how long shutdown waits for the going-away closes of all sessions
 * @param connectionBufferSize     Tomcat's buffers of each connection (socket read and write, WebSocket frame read
 *                                 and write); frames go out from one shared pre-encoded buffer and clients send
 *                                 almost nothing, so small ones do: Tomcat's 8 KB defaults were ~45 KB of heap per
 *                                 connection, 400 MB for 9000
 */
@Validated
@ConfigurationProperties("activity.ws")
public record WebSocketProperties(
        @DefaultValue("token") @NotNull AuthMode auth,
        @DefaultValue @Valid @NotNull ChannelRoles allowedRoles,
        @DefaultValue("*") @NotEmpty List<@NotBlank String> allowedOrigins,
        @DefaultValue("3000") @Min(1) int maxConnectionsPerChannel,
        @DefaultValue("10s") @DurationMin(seconds = 1) Duration retryAfter,
        @DefaultValue("10s") @DurationMin(millis = 100) Duration sendTimeLimit,
        @DefaultValue("1MB") @NotNull DataSize sendBufferLimit,
        @DefaultValue("25s") @DurationMin(millis = 100) Duration pingInterval,
        @DefaultValue("1KB") @NotNull DataSize maxIncomingMessageSize,
        @DefaultValue("full") @NotNull PhonePolicy phone,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration shutdownTimeout,
        @DefaultValue("2KB") @NotNull DataSize connectionBufferSize) {

    public WebSocketProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Room for a WebSocket frame header and a control frame's payload (at most 125 bytes). */
    static final long MIN_CONNECTION_BUFFER = 256;

    @AssertTrue(message = "send-buffer-limit and max-incoming-message-size must be positive, connection-buffer-size"
            + " at least 256 bytes")
    public boolean isSizesPositive() {
        return sendBufferLimit.toBytes() > 0 && maxIncomingMessageSize.toBytes() > 0
                && maxIncomingMessageSize.toBytes() <= Integer.MAX_VALUE
                && connectionBufferSize.toBytes() >= MIN_CONNECTION_BUFFER
                && connectionBufferSize.toBytes() <= Integer.MAX_VALUE;
    }

    /** How the channels check who connects. */
    public enum AuthMode {
        /** A valid JWT whose role is allowed for the channel. */
        TOKEN,
        /** Anyone, as in the seed: for closed networks and the seed's own clients. */
        NONE
    }

    /** Token roles admitted per channel; {@code summary} for {@code /ws/summary}. */
    public record ChannelRoles(
            @DefaultValue("admin") @NotEmpty List<@NotBlank String> students,
            @DefaultValue("admin") @NotEmpty List<@NotBlank String> teachers,
            @DefaultValue("admin") @NotEmpty List<@NotBlank String> parents,
            @DefaultValue("admin") @NotEmpty List<@NotBlank String> summary) {

        public ChannelRoles {
            students = List.copyOf(students);
            teachers = List.copyOf(teachers);
            parents = List.copyOf(parents);
            summary = List.copyOf(summary);
        }

        public List<String> of(Role channel) {
            return switch (channel) {
                case STUDENT -> students;
                case TEACHER -> teachers;
                case PARENT -> parents;
            };
        }
    }
}

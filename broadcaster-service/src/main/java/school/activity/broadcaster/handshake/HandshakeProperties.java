package school.activity.broadcaster.handshake;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import school.activity.broadcaster.feed.ChannelName;
import school.activity.shared.contract.Role;

/**
 * {@code activity.ws.*} settings of the handshake: who may open a channel.
 *
 * @param auth           {@code token}: a JWT whose role is allowed for the channel; {@code none}: open, as in the
 *                       seed
 * @param allowedRoles   token roles admitted per channel
 * @param allowedOrigins Origin patterns admitted at the handshake ({@code *}: any; a request without an Origin
 *                       header, i.e. not from a browser, is always admitted)
 * @param retryAfter     the {@code Retry-After} of a 503 refusal
 */
@Validated
@ConfigurationProperties("activity.ws")
public record HandshakeProperties(
        @DefaultValue("token") @NotNull AuthMode auth,
        @DefaultValue @Valid @NotNull ChannelRoles allowedRoles,
        @DefaultValue("*") @NotEmpty List<@NotBlank String> allowedOrigins,
        @DefaultValue("10s") @DurationMin(seconds = 1) Duration retryAfter) {

    public HandshakeProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
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

        public List<String> of(ChannelName channel) {
            return channel.role().map(this::of).orElse(summary);
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

package school.activity.shared.contract;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The Kafka record value: one user was active at {@code occurredAt}. The record key is the user id.
 *
 * @param phone the phone claim of the token, or null: the consumer then keeps {@code users.phone}
 */
public record ActivityEvent(
        @JsonProperty("user_id") long userId,
        @JsonProperty("phone") String phone,
        @JsonProperty("occurred_at")
        @JsonSerialize(using = MicrosInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant occurredAt) {

    public ActivityEvent {
        if (userId <= 0) {
            throw new IllegalArgumentException("user_id must be positive");
        }
        Objects.requireNonNull(occurredAt, "occurred_at");
        occurredAt = Timestamps.truncate(occurredAt);
    }

    /** The Kafka key: the user id, so one user's events stay in order on one partition. */
    public String key() {
        return Long.toString(userId);
    }
}

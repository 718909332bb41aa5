package school.activity.shared.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** One user in a channel message, field for field as in the seed. {@code lastActive} is null if never active. */
@JsonPropertyOrder({"user_id", "phone", "last_active", "is_online", "role", "full_name"})
public record UserActivity(
        @JsonProperty("user_id") long userId,
        @JsonProperty("phone") String phone,
        @JsonProperty("last_active")
        @JsonSerialize(using = MicrosInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant lastActive,
        @JsonProperty("is_online") boolean isOnline,
        @JsonProperty("role") String role,
        @JsonProperty("full_name") String fullName) {

    /** The same user with another phone value (masking happens per channel, after the query). */
    public UserActivity withPhone(String newPhone) {
        return new UserActivity(userId, newPhone, lastActive, isOnline, role, fullName);
    }
}

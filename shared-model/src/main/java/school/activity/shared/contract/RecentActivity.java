package school.activity.shared.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** One entry of {@code recent_activity} in the status response, as in the seed. */
@JsonPropertyOrder({"user_id", "phone", "full_name", "role", "last_active"})
public record RecentActivity(
        @JsonProperty("user_id") long userId,
        @JsonProperty("phone") String phone,
        @JsonProperty("full_name") String fullName,
        @JsonProperty("role") String role,
        @JsonProperty("last_active")
        @JsonSerialize(using = MicrosInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant lastActive) {
}

package school.activity.shared.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** The message every channel sends: the whole picture of one role. */
@JsonPropertyOrder({"type", "data", "timestamp", "total_users", "online_users"})
public record ActivityUpdate(
        @JsonProperty("type") String type,
        @JsonProperty("data") List<UserActivity> data,
        @JsonProperty("timestamp")
        @JsonSerialize(using = MicrosInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant timestamp,
        @JsonProperty("total_users") int totalUsers,
        @JsonProperty("online_users") int onlineUsers) {

    public ActivityUpdate {
        data = List.copyOf(data);
    }

    /** The message for {@code role} with its counts derived from {@code users}. */
    public static ActivityUpdate of(Role role, List<UserActivity> users, Instant timestamp) {
        int online = (int) users.stream().filter(UserActivity::isOnline).count();
        return new ActivityUpdate(role.messageType(), users, timestamp, users.size(), online);
    }
}

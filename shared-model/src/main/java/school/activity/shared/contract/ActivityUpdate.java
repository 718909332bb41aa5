package school.activity.shared.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The message every channel sends: the whole picture of one role. {@code seq} is only present in delta mode (the
 * picture the following deltas build on); the seed's format has no such field.
 */
@JsonPropertyOrder({"type", "seq", "data", "timestamp", "total_users", "online_users"})
public record ActivityUpdate(
        @JsonProperty("type") String type,
        @JsonProperty("seq") @JsonInclude(JsonInclude.Include.NON_NULL) Long seq,
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

    /** The seed's message: no {@code seq}. */
    public ActivityUpdate(String type, List<UserActivity> data, Instant timestamp, int totalUsers, int onlineUsers) {
        this(type, null, data, timestamp, totalUsers, onlineUsers);
    }

    /** The same picture as the first message of a delta-mode session. */
    public ActivityUpdate withSeq(long newSeq) {
        return new ActivityUpdate(type, newSeq, data, timestamp, totalUsers, onlineUsers);
    }

    /** The message for {@code role} with its counts derived from {@code users}. */
    public static ActivityUpdate of(Role role, List<UserActivity> users, Instant timestamp) {
        int online = (int) users.stream().filter(UserActivity::isOnline).count();
        return new ActivityUpdate(role.messageType(), users, timestamp, users.size(), online);
    }
}

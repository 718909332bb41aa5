package school.activity.shared.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A delta-mode tick: what changed in a role's picture since tick {@code base}. Applying it to the picture of
 * {@code base} (replace or add every {@code upsert} user by {@code user_id}, drop every {@code remove} id) gives the
 * picture of tick {@code seq} exactly; the counts are those of the new picture.
 */
@JsonPropertyOrder({"type", "seq", "base", "timestamp", "total_users", "online_users", "upsert", "remove"})
public record ActivityDelta(
        @JsonProperty("type") String type,
        @JsonProperty("seq") long seq,
        @JsonProperty("base") long base,
        @JsonProperty("timestamp")
        @JsonSerialize(using = MicrosInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant timestamp,
        @JsonProperty("total_users") int totalUsers,
        @JsonProperty("online_users") int onlineUsers,
        @JsonProperty("upsert") List<UserActivity> upsert,
        @JsonProperty("remove") List<Long> remove) {

    public ActivityDelta {
        upsert = List.copyOf(upsert);
        remove = List.copyOf(remove);
    }
}

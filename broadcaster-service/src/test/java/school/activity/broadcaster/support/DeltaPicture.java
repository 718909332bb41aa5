package school.activity.broadcaster.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a delta-mode client holds: starts from a snapshot with {@code seq}, applies every delta (checking that its
 * {@code base} is the picture held), resyncs on a later snapshot. Keeps the picture of every tick by its timestamp.
 */
public final class DeltaPicture {

    /** The channels' order: last_active descending, never-active last, then user_id. */
    public static final Comparator<JsonNode> CHANNEL_ORDER = Comparator
            .comparing((JsonNode u) -> u.get("last_active").isNull() ? null : Instant.parse(u.get("last_active").asString()),
                    Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparingLong(u -> u.get("user_id").asLong());

    private final Map<Long, JsonNode> users = new LinkedHashMap<>();
    private final Map<String, Tick> ticks = new LinkedHashMap<>();
    private long seq = -1;
    private int deltas;
    private int snapshots;
    private int upserted;
    private int removed;

    /** One tick as the client sees it after applying its message. */
    public record Tick(long seq, List<JsonNode> data, int totalUsers, int onlineUsers) {
    }

    public void apply(JsonNode message) {
        String type = message.get("type").asString();
        if (type.endsWith("_activity_update")) {
            assertThat(message.has("seq")).as("a delta-mode snapshot carries seq").isTrue();
            assertThat(message.get("seq").asLong()).as("a resync moves forward").isGreaterThan(seq);
            users.clear();
            message.get("data").forEach(user -> users.put(user.get("user_id").asLong(), user));
            snapshots++;
        } else {
            assertThat(type).endsWith("_activity_delta");
            assertThat(message.get("base").asLong()).as("a delta builds on the picture held").isEqualTo(seq);
            assertThat(message.get("seq").asLong()).isEqualTo(seq + 1);
            message.get("remove").forEach(id -> users.remove(id.asLong()));
            message.get("upsert").forEach(user -> users.put(user.get("user_id").asLong(), user));
            upserted += message.get("upsert").size();
            removed += message.get("remove").size();
            deltas++;
        }
        seq = message.get("seq").asLong();
        List<JsonNode> sorted = new ArrayList<>(users.values());
        sorted.sort(CHANNEL_ORDER);
        ticks.put(message.get("timestamp").asString(), new Tick(seq, List.copyOf(sorted),
                message.get("total_users").asInt(), message.get("online_users").asInt()));
    }

    public Tick at(String timestamp) {
        return ticks.get(timestamp);
    }

    public long seq() {
        return seq;
    }

    public int deltas() {
        return deltas;
    }

    public int snapshots() {
        return snapshots;
    }

    public int upserted() {
        return upserted;
    }

    public int removed() {
        return removed;
    }
}

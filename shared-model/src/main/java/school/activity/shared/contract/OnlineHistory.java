package school.activity.shared.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /activity/history}: online counts per minute, oldest first, one point per minute that has data. */
@JsonPropertyOrder({"interval_seconds", "points"})
public record OnlineHistory(
        @JsonProperty("interval_seconds") int intervalSeconds,
        @JsonProperty("points") List<OnlineMinute> points) {

    /** The history's resolution: one point per minute. */
    public static final int INTERVAL_SECONDS = 60;

    public OnlineHistory {
        points = List.copyOf(points);
    }

    public static OnlineHistory perMinute(List<OnlineMinute> points) {
        return new OnlineHistory(INTERVAL_SECONDS, points);
    }
}

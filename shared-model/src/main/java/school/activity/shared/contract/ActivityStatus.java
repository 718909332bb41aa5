package school.activity.shared.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code GET /activity/status}: the seed's fields, with connection counts summed over every live broadcaster,
 * plus {@code instances}, the number of live broadcasters counted.
 */
@JsonPropertyOrder({"student_connections", "teacher_connections", "parent_connections", "recent_activity",
        "max_connections", "instances"})
public record ActivityStatus(
        @JsonProperty("student_connections") long studentConnections,
        @JsonProperty("teacher_connections") long teacherConnections,
        @JsonProperty("parent_connections") long parentConnections,
        @JsonProperty("recent_activity") List<RecentActivity> recentActivity,
        @JsonProperty("max_connections") int maxConnections,
        @JsonProperty("instances") int instances) {

    public ActivityStatus {
        recentActivity = List.copyOf(recentActivity);
    }
}

package school.activity.shared.contract;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** The {@code /ws/summary} message: every role's total and online counts, without the user lists. */
@JsonPropertyOrder({"type", "timestamp", "students", "teachers", "parents"})
public record ActivitySummary(
        @JsonProperty("type") String type,
        @JsonProperty("timestamp")
        @JsonSerialize(using = MicrosInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant timestamp,
        @JsonProperty("students") RoleCounts students,
        @JsonProperty("teachers") RoleCounts teachers,
        @JsonProperty("parents") RoleCounts parents) {

    public static final String TYPE = "activity_summary";

    /** The message for the given counts; a role missing from {@code counts} has no users. */
    public static ActivitySummary of(Instant timestamp, Map<Role, RoleCounts> counts) {
        return new ActivitySummary(TYPE, timestamp, counts.getOrDefault(Role.STUDENT, RoleCounts.NONE),
                counts.getOrDefault(Role.TEACHER, RoleCounts.NONE), counts.getOrDefault(Role.PARENT, RoleCounts.NONE));
    }

    public RoleCounts of(Role role) {
        return switch (role) {
            case STUDENT -> students;
            case TEACHER -> teachers;
            case PARENT -> parents;
        };
    }
}

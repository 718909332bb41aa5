package school.activity.shared.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** One point of the online history: how many users of each role were online in the minute starting {@code at}. */
@JsonPropertyOrder({"at", "students", "teachers", "parents"})
public record OnlineMinute(
        @JsonProperty("at")
        @JsonSerialize(using = SecondsInstantSerializer.class)
        @JsonDeserialize(using = LenientInstantDeserializer.class)
        Instant at,
        @JsonProperty("students") int students,
        @JsonProperty("teachers") int teachers,
        @JsonProperty("parents") int parents) {
}

package school.activity.shared.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One role's counts in the summary channel: every user of the role, and those online. */
@JsonPropertyOrder({"total", "online"})
public record RoleCounts(@JsonProperty("total") int total, @JsonProperty("online") int online) {

    public static final RoleCounts NONE = new RoleCounts(0, 0);
}

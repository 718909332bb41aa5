package school.activity.shared.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON body of every error either service answers itself (401, 403, 502, 503, 504). */
public record ErrorResponse(@JsonProperty("error") String error, @JsonProperty("message") String message) {
}

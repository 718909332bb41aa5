package school.activity.shared.contract;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for the contracts outside Spring's own (Kafka values, WebSocket frames). The records carry their
 * names and time format in annotations, so any Jackson 3 mapper writes them the same way.
 */
public final class ActivityJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ActivityJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}

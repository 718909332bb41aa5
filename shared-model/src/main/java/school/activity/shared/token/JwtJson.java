package school.activity.shared.token;

import java.io.Reader;
import java.util.Map;

import io.jsonwebtoken.io.AbstractDeserializer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * jjwt's JSON reading on Jackson 3, the project's one JSON library (jjwt's own module is on Jackson 2).
 */
final class JwtJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, ?>> MAP = new TypeReference<>() {
    };

    private JwtJson() {
    }

    static final class Reader extends AbstractDeserializer<Map<String, ?>> {
        @Override
        protected Map<String, ?> doDeserialize(java.io.Reader reader) {
            return MAPPER.readValue(reader, MAP);
        }
    }
}

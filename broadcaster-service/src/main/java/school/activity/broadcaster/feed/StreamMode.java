package school.activity.broadcaster.feed;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a role-channel session asked for at its handshake: the seed's snapshots, or deltas. */
public enum StreamMode {
    /** The seed's format: the full snapshot every tick. The default. */
    SNAPSHOT,
    /** {@code mode=delta}: a full snapshot with {@code seq} first, then one delta per tick. */
    DELTA;

    /** The query parameter that selects the mode. */
    public static final String PARAMETER = "mode";
    static final String DELTA_VALUE = "delta";

    /**
     * The mode named by a handshake's query string ({@code null}: none). No {@code mode} parameter (or an empty one):
     * {@link #SNAPSHOT}; {@code mode=delta}: {@link #DELTA}; any other value: empty, a bad request.
     */
    public static Optional<StreamMode> fromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.of(SNAPSHOT);
        }
        String value = null;
        for (String part : query.split("&")) {
            int equals = part.indexOf('=');
            String name = decode(equals < 0 ? part : part.substring(0, equals));
            if (PARAMETER.equals(name)) {
                String given = decode(equals < 0 ? "" : part.substring(equals + 1));
                if (given == null || (value != null && !value.equals(given))) {
                    return Optional.empty();
                }
                value = given;
            }
        }
        if (value == null || value.isEmpty()) {
            return Optional.of(SNAPSHOT);
        }
        return DELTA_VALUE.equals(value) ? Optional.of(DELTA) : Optional.empty();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}

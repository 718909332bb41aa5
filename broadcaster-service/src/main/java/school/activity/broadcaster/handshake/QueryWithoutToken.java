package school.activity.broadcaster.handshake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw query string split into the {@code access_token} (null if absent) and everything else (null if nothing). */
record QueryWithoutToken(String token, String remaining) {

    static final String TOKEN_PARAMETER = "access_token";

    static QueryWithoutToken of(String query) {
        if (query == null || query.isEmpty()) {
            return new QueryWithoutToken(null, query);
        }
        String token = null;
        List<String> kept = new ArrayList<>();
        for (String part : query.split("&")) {
            int equals = part.indexOf('=');
            String name = decode(equals < 0 ? part : part.substring(0, equals));
            if (TOKEN_PARAMETER.equals(name)) {
                if (token == null) {
                    String value = decode(equals < 0 ? "" : part.substring(equals + 1));
                    token = value == null ? "" : value;
                }
            } else if (!part.isEmpty()) {
                kept.add(part);
            }
        }
        return new QueryWithoutToken(token, kept.isEmpty() ? null : String.join("&", kept));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}

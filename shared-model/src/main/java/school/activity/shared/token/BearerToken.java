package school.activity.shared.token;

import java.util.Optional;

/** Reads the token out of an {@code Authorization} header. */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive), or empty for anything else. */
    public static Optional<String> fromAuthorizationHeader(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}

package school.activity.shared.token;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, with the instant past which each stops being valid: a client sends the same token with
 * every request, and checking its signature and parsing its JSON again each time was most of the tracking filter's
 * cost. Keyed by the whole token, signature included, so only a byte-identical token that passed every check hits.
 * Bounded: when full, tokens past their validity go first; if that frees less than a quarter it starts over (so a
 * full cache is not scanned on every insert), which costs one verification per cached token, never a wrong answer.
 */
final class VerifiedTokens {

    private record Entry(TokenVerification.Accepted accepted, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;

    VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** The verification of a cached token still valid at {@code nowMillis}, or null. */
    TokenVerification.Accepted get(String token, long nowMillis) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (nowMillis > entry.validUntilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.accepted();
    }

    void put(String token, TokenVerification.Accepted accepted, long validUntilMillis, long nowMillis) {
        if (capacity <= 0) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> nowMillis > entry.validUntilMillis());
            if (entries.size() > capacity - capacity / 4) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(accepted, validUntilMillis));
    }
}

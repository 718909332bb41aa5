package school.activity.shared.token;

import java.time.Instant;
import java.util.Optional;

/** The outcome of checking one token: accepted with its user, or rejected with a reason. */
public sealed interface TokenVerification {

    /**
     * @param user      who the token speaks for
     * @param expiresAt the last instant the token is accepted ({@code exp} plus the clock skew), or null when it has
     *                  no {@code exp}: whoever keeps a session open on it must end the session then
     */
    record Accepted(AuthenticatedUser user, Instant expiresAt) implements TokenVerification {

        /** The token's end of validity, if it has one. */
        public Optional<Instant> expiry() {
            return Optional.ofNullable(expiresAt);
        }
    }

    record Rejected(RejectionReason reason) implements TokenVerification {
    }

    /** The user of an accepted token, or empty for a rejected one. */
    default Optional<AuthenticatedUser> acceptedUser() {
        return this instanceof Accepted accepted ? Optional.of(accepted.user()) : Optional.empty();
    }
}

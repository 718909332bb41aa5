package school.activity.shared.token;

import java.util.Optional;

/** The outcome of checking one token: accepted with its user, or rejected with a reason. */
public sealed interface TokenVerification {

    record Accepted(AuthenticatedUser user) implements TokenVerification {
    }

    record Rejected(RejectionReason reason) implements TokenVerification {
    }

    /** The user of an accepted token, or empty for a rejected one. */
    default Optional<AuthenticatedUser> acceptedUser() {
        return this instanceof Accepted accepted ? Optional.of(accepted.user()) : Optional.empty();
    }
}

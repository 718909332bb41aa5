package school.activity.shared.token;

/** Why a token was refused. The descriptions are safe to return to clients and to log. */
public enum RejectionReason {
    MISSING("no bearer token"),
    EXPIRED("token expired"),
    MISSING_EXPIRY("token has no expiry (exp)"),
    NOT_YET_VALID("token not yet valid"),
    UNSIGNED("unsigned tokens are not accepted"),
    BAD_SIGNATURE("token signature is invalid"),
    WRONG_ALGORITHM("token algorithm does not match the configured key"),
    MALFORMED("token is malformed"),
    MISSING_USER_ID("token has no user id"),
    INVALID_USER_ID("token user id is not a positive integer");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

package school.activity.shared.token;

/**
 * Who a valid token speaks for.
 *
 * @param role  the role claim, or null when the token has none
 * @param phone the phone claim, or null when the token has none
 */
public record AuthenticatedUser(long userId, String role, String phone) {

    /** Never prints the phone number: this record may reach a log line. */
    @Override
    public String toString() {
        return "AuthenticatedUser[userId=" + userId + ", role=" + role + "]";
    }
}

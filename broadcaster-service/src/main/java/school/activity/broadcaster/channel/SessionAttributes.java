package school.activity.broadcaster.channel;

/** Handshake attributes the channel handler reads when the session opens. */
public final class SessionAttributes {

    /** The {@link Admission.Ticket} reserved at the handshake. */
    public static final String TICKET = SessionAttributes.class.getName() + ".ticket";
    /** The channel's {@link school.activity.shared.contract.Role}. */
    public static final String ROLE = SessionAttributes.class.getName() + ".role";
    /**
     * The {@link java.time.Instant} the session must end: its token's expiry or {@code activity.jwt.max-session-lifetime}
     * after the handshake, whichever comes first; absent in open mode.
     */
    public static final String TOKEN_EXPIRES_AT = SessionAttributes.class.getName() + ".tokenExpiresAt";

    private SessionAttributes() {
    }
}

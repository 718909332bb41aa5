package school.activity.broadcaster.channel;

/** Handshake attributes the channel handler reads when the session opens. */
public final class SessionAttributes {

    /** The {@link Admission.Ticket} reserved at the handshake. */
    public static final String TICKET = SessionAttributes.class.getName() + ".ticket";
    /** The session's {@link school.activity.broadcaster.feed.ChannelName}. */
    public static final String CHANNEL = SessionAttributes.class.getName() + ".channel";
    /** The session's {@link school.activity.broadcaster.feed.StreamMode}; absent: the seed's snapshots. */
    public static final String MODE = SessionAttributes.class.getName() + ".mode";
    /**
     * The {@link java.time.Instant} the session must end: its token's expiry or {@code activity.jwt.max-session-lifetime}
     * after the handshake, whichever comes first; absent in open mode.
     */
    public static final String TOKEN_EXPIRES_AT = SessionAttributes.class.getName() + ".tokenExpiresAt";

    private SessionAttributes() {
    }
}

package school.activity.broadcaster.channel;

import org.springframework.web.socket.CloseStatus;

/**
 * Why the server closed a session. Every code is non-normal on purpose: Tomcat then waits at most its short
 * abnormal-close send timeout for the close frame, so closing a stalled client never blocks the closer.
 */
public enum DropReason {
    SEND_TIME_LIMIT("send_time_limit", CloseStatus.POLICY_VIOLATION.withReason("client too slow")),
    SEND_BUFFER_LIMIT("send_buffer_limit", CloseStatus.POLICY_VIOLATION.withReason("client too slow")),
    SEND_FAILED("send_failed", CloseStatus.GOING_AWAY.withReason("send failed")),
    NO_PONG("no_pong", CloseStatus.GOING_AWAY.withReason("no pong")),
    TOKEN_EXPIRED("token_expired", CloseStatus.POLICY_VIOLATION.withReason("token expired")),
    SHUTDOWN("shutdown", CloseStatus.GOING_AWAY.withReason("server shutting down"));

    private final String tag;
    private final CloseStatus closeStatus;

    DropReason(String tag, CloseStatus closeStatus) {
        this.tag = tag;
        this.closeStatus = closeStatus;
    }

    /** The {@code reason} tag of the drop counter. */
    public String tag() {
        return tag;
    }

    public CloseStatus closeStatus() {
        return closeStatus;
    }
}

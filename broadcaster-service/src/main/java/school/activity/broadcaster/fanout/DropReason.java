package school.activity.broadcaster.fanout;

/** Why the server closed a session, its close code and whether a close frame can still reach the client. */
enum DropReason {
    SEND_TIME_LIMIT("send_time_limit", 1008, "client too slow", false),
    SEND_BUFFER_LIMIT("send_buffer_limit", 1008, "client too slow", false),
    NO_PONG("no_pong", 1001, "no pong", true),
    MESSAGE_TOO_BIG("message_too_big", 1009, "message too big", true),
    TOKEN_EXPIRED("token_expired", 1008, "token expired", true),
    SHUTDOWN("shutdown", 1001, "server shutting down", true);

    private final String tag;
    private final int code;
    private final String reason;
    private final boolean closeFrame;

    DropReason(String tag, int code, String reason, boolean closeFrame) {
        this.tag = tag;
        this.code = code;
        this.reason = reason;
        this.closeFrame = closeFrame;
    }

    /** The {@code reason} tag of the drop counter. */
    String tag() {
        return tag;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    /** False for a client that stopped reading: a close frame would only queue behind the data it never takes. */
    boolean sendsCloseFrame() {
        return closeFrame;
    }
}

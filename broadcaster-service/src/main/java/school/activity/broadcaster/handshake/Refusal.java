package school.activity.broadcaster.handshake;

import org.springframework.http.HttpStatus;

/** Why a handshake was refused: its status, its JSON {@code error} and its metric tag. */
enum Refusal {
    ORIGIN(HttpStatus.FORBIDDEN, "forbidden_origin", "origin"),
    MODE(HttpStatus.BAD_REQUEST, "bad_request", "mode"),
    TOKEN(HttpStatus.UNAUTHORIZED, "unauthorized", "token"),
    ROLE(HttpStatus.FORBIDDEN, "forbidden", "role"),
    CAPACITY(HttpStatus.SERVICE_UNAVAILABLE, "channel_full", "capacity"),
    SHUTTING_DOWN(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", "shutting_down"),
    NOT_WEBSOCKET(HttpStatus.BAD_REQUEST, "bad_request", "not_websocket");

    private final HttpStatus status;
    private final String error;
    private final String tag;

    Refusal(HttpStatus status, String error, String tag) {
        this.status = status;
        this.error = error;
        this.tag = tag;
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    String tag() {
        return tag;
    }
}

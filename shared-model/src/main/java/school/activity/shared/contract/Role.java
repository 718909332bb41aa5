package school.activity.shared.contract;

import java.util.Arrays;
import java.util.Optional;

/** A platform role that has its own live channel. */
public enum Role {
    STUDENT("student", "students"),
    TEACHER("teacher", "teachers"),
    PARENT("parent", "parents");

    private final String value;
    private final String channel;

    Role(String value, String channel) {
        this.value = value;
        this.channel = channel;
    }

    /** The value of {@code users.role} and of the {@code role} field in messages. */
    public String value() {
        return value;
    }

    /** The channel name: the last segment of its path and the key of per-channel settings. */
    public String channel() {
        return channel;
    }

    /** The WebSocket path of this role's channel, e.g. {@code /ws/students}. */
    public String path() {
        return "/ws/" + channel;
    }

    /** The {@code type} of this channel's messages, e.g. {@code student_activity_update}. */
    public String messageType() {
        return value + "_activity_update";
    }

    /** The {@code type} of this channel's delta messages, e.g. {@code student_activity_delta}. */
    public String deltaType() {
        return value + "_activity_delta";
    }

    public static Optional<Role> fromValue(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    public static Optional<Role> fromChannel(String channel) {
        return Arrays.stream(values()).filter(r -> r.channel.equals(channel)).findFirst();
    }
}

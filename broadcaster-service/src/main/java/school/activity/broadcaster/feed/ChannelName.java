package school.activity.broadcaster.feed;

import java.util.Optional;

import school.activity.shared.contract.Role;

/** The broadcaster's WebSocket channels: one per role, and the counts-only summary. */
public enum ChannelName {
    STUDENTS(Role.STUDENT),
    TEACHERS(Role.TEACHER),
    PARENTS(Role.PARENT),
    SUMMARY(null);

    private static final String SUMMARY_TAG = "summary";

    private final Role role;

    ChannelName(Role role) {
        this.role = role;
    }

    /** The role whose users the channel lists; empty for the summary. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /** The last segment of the path, the key of per-channel settings and the {@code channel} tag of metrics. */
    public String tag() {
        return role == null ? SUMMARY_TAG : role.channel();
    }

    /** The WebSocket path, e.g. {@code /ws/students} or {@code /ws/summary}. */
    public String path() {
        return "/ws/" + tag();
    }

    public static ChannelName of(Role role) {
        return switch (role) {
            case STUDENT -> STUDENTS;
            case TEACHER -> TEACHERS;
            case PARENT -> PARENTS;
        };
    }
}

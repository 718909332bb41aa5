package school.activity.benchmarks.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.Role;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks the decoded messages of one connection, in order: each is JSON of its channel's type; a full snapshot
 * lists {@code total_users} users of whom {@code online_users} are online; a delta (delta mode) continues the seq
 * the connection holds, and applying its {@code upsert}/{@code remove} to the connection's picture gives a list of
 * {@code total_users} users of whom {@code online_users} are online. Not thread-safe.
 */
final class MessageCheck {

    private static final int ERRORS_KEPT = 5;

    private final String fullType;
    private final String deltaType;
    private Map<Long, JsonNode> picture;
    private long seq = -1;
    private int fulls;
    private int fullsWithSeq;
    private int deltas;
    private int invalid;
    private final List<String> errors = new ArrayList<>();

    MessageCheck(Role role) {
        this.fullType = role.messageType();
        this.deltaType = role.value() + "_activity_delta";
    }

    /** What one message was. */
    enum Kind { FULL, DELTA, INVALID }

    /** Checks the next message; returns what it was and, for a valid one, updates the connection's picture. */
    Kind accept(byte[] json) {
        JsonNode message;
        try {
            message = ActivityJson.mapper().readTree(json);
        } catch (JacksonException e) {
            return invalid("not JSON (" + json.length + " bytes)");
        }
        String type = message.path("type").asString("");
        if (type.equals(fullType)) {
            return full(message);
        }
        if (type.equals(deltaType)) {
            return delta(message);
        }
        return invalid("type '" + type + "', expected " + fullType + " or " + deltaType);
    }

    private Kind full(JsonNode message) {
        JsonNode data = message.path("data");
        if (!data.isArray()) {
            return invalid("full snapshot without a data array");
        }
        Map<Long, JsonNode> users = new HashMap<>();
        for (JsonNode user : data) {
            users.put(user.path("user_id").asLong(), user);
        }
        if (users.size() != data.size()) {
            return invalid("full snapshot lists a user twice");
        }
        String counts = counts(message, users);
        if (counts != null) {
            return invalid("full snapshot: " + counts);
        }
        if (message.has("seq")) {
            long next = message.path("seq").asLong();
            if (seq >= 0 && next <= seq) {
                return invalid("full snapshot seq " + next + " after seq " + seq);
            }
            seq = next;
            fullsWithSeq++;
        } else {
            seq = -1;
        }
        picture = users;
        fulls++;
        return Kind.FULL;
    }

    private Kind delta(JsonNode message) {
        if (picture == null || seq < 0) {
            return invalid("delta before any full snapshot with a seq");
        }
        long base = message.path("base").asLong(-1);
        long next = message.path("seq").asLong(-1);
        if (base != seq) {
            return invalid("delta base " + base + " but the connection holds seq " + seq);
        }
        if (next != base + 1) {
            return invalid("delta seq " + next + " does not follow base " + base);
        }
        Map<Long, JsonNode> users = new HashMap<>(picture);
        for (JsonNode user : message.path("upsert")) {
            users.put(user.path("user_id").asLong(), user);
        }
        for (JsonNode id : message.path("remove")) {
            users.remove(id.asLong());
        }
        String counts = counts(message, users);
        if (counts != null) {
            return invalid("after delta " + next + ": " + counts);
        }
        picture = users;
        seq = next;
        deltas++;
        return Kind.DELTA;
    }

    /** Null when the picture matches the message's counts, else what differs. */
    private static String counts(JsonNode message, Map<Long, JsonNode> users) {
        long total = message.path("total_users").asLong(-1);
        long online = message.path("online_users").asLong(-1);
        long isOnline = users.values().stream().filter(u -> u.path("is_online").asBoolean(false)).count();
        if (users.size() != total) {
            return users.size() + " users, total_users " + total;
        }
        if (isOnline != online) {
            return isOnline + " online, online_users " + online;
        }
        return null;
    }

    private Kind invalid(String why) {
        invalid++;
        if (errors.size() < ERRORS_KEPT) {
            errors.add(why);
        }
        return Kind.INVALID;
    }

    /** The connection's current list of users by id (null before its first full snapshot). */
    Map<Long, JsonNode> picture() {
        return picture;
    }

    int fulls() {
        return fulls;
    }

    int fullsWithSeq() {
        return fullsWithSeq;
    }

    int deltas() {
        return deltas;
    }

    int invalid() {
        return invalid;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}

package school.activity.broadcaster.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class SlowSessionTest extends FastTickBroadcasterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Frames of a few hundred KB: a client that stops reading fills the socket buffers within a tick or two. */
    private static final int TEACHERS = 400;
    /** Frames of ~100 KB for the test with many readers. */
    private static final int STUDENTS = 100;
    private static final int STUDENT_NAME_LENGTH = 1000;
    private static final int NAME_LENGTH = 1000;
    private static final int READERS = 50;
    private static final int FRAMES_WHILE_STALLED = 5;
    private static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final int TEXT = 1;
    private static final int PING = 9;

    @BeforeEach
    void largeFrames() {
        addUpTo(Role.TEACHER, TEACHERS, NAME_LENGTH);
        addUpTo(Role.STUDENT, STUDENTS, STUDENT_NAME_LENGTH);
    }

    private void addUpTo(Role role, int count, int nameLength) {
        int existing = school.jdbc().queryForObject("SELECT count(*) FROM users WHERE role = ?", Integer.class,
                role.value());
        for (int i = existing; i < count; i++) {
            school.addUser(role, i + " " + "n".repeat(nameLength));
        }
    }

    /**
     * The readers are raw clients, each reading on a thread of its own: they all run in this JVM and each must take a
     * frame every tick within the profile's 2 s send time limit, or it is (rightly) dropped as slow too.
     */
    @Test
    void aStalledReaderIsDroppedWhileFiftyOthersKeepTheirDelivery() throws Exception {
        double droppedBefore = counter("activity.ws.clients.dropped", "channel", "students", "reason", "send_time_limit");
        List<Reader> readers = new ArrayList<>();
        try (RawWebSocket stalled = RawWebSocket.handshake(port, Role.STUDENT.path(), Map.of(), SMALL_RECEIVE_BUFFER)) {
            for (int i = 0; i < READERS; i++) {
                readers.add(new Reader(RawWebSocket.handshake(port, Role.STUDENT.path(), Map.of())));
            }
            int[] before = readers.stream().mapToInt(reader -> reader.texts.get()).toArray();

            await().atMost(WsClient.WAIT).until(() -> counter("activity.ws.clients.dropped", "channel", "students",
                    "reason", "send_time_limit") > droppedBefore);
            for (int i = 0; i < READERS; i++) {
                Reader reader = readers.get(i);
                int seen = before[i];
                await().atMost(WsClient.WAIT).alias("reader " + i)
                        .until(() -> reader.texts.get() >= seen + FRAMES_WHILE_STALLED);
                assertThat(reader.open).isTrue();
            }
            await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.STUDENT) == READERS);
        } finally {
            for (Reader reader : readers) {
                reader.socket.close();
            }
        }
    }

    /** Counts the text frames one connection receives, answering pings, on a thread of its own. */
    private static final class Reader {

        final RawWebSocket socket;
        final AtomicInteger texts = new AtomicInteger();
        volatile boolean open = true;

        Reader(RawWebSocket socket) {
            this.socket = socket;
            Thread thread = new Thread(this::read, "slow-session-test-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            try {
                for (RawWebSocket.WireFrame frame = socket.readFrame(); frame != null; frame = socket.readFrame()) {
                    if (frame.opcode() == PING) {
                        socket.pong();
                    } else if (frame.opcode() == TEXT) {
                        texts.incrementAndGet();
                    }
                }
            } catch (IOException closed) {
                // the test closed the socket, or the server did
            }
            open = false;
        }
    }

    @Test
    void aClientThatFallsBehindSkipsTicksAndThenGetsWholeFullFrames() throws Exception {
        double skippedBefore = counter("activity.ws.frames.skipped", "channel", "teachers");
        try (RawWebSocket behind = RawWebSocket.handshake(port, Role.TEACHER.path(), Map.of(), SMALL_RECEIVE_BUFFER)) {
            assertThat(behind.status()).isEqualTo(101);
            // Not reading: the server finds the connection still full at the next tick and skips it for this client.
            await().atMost(WsClient.WAIT).until(() -> counter("activity.ws.frames.skipped", "channel", "teachers")
                    > skippedBefore);

            List<Instant> times = new ArrayList<>();
            while (times.size() < FRAMES_WHILE_STALLED) {
                RawWebSocket.WireFrame frame = behind.readFrame();
                assertThat(frame).as("still connected").isNotNull();
                if (frame.opcode() == PING) {
                    behind.pong();
                    continue;
                }
                assertThat(frame.opcode()).isEqualTo(TEXT);
                assertThat(frame.fin()).isTrue();
                JsonNode message = JSON.readTree(new String(frame.payload(), StandardCharsets.UTF_8));
                assertThat(message.get("type").asString()).isEqualTo("teacher_activity_update");
                assertThat(message.get("data").size()).isEqualTo(message.get("total_users").asInt())
                        .isGreaterThanOrEqualTo(TEACHERS);
                times.add(Instant.parse(message.get("timestamp").asString()));
            }
            assertThat(times).isSorted().doesNotHaveDuplicates();
        }
    }

}

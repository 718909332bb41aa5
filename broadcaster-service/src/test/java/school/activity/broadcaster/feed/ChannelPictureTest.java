package school.activity.broadcaster.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static school.activity.broadcaster.feed.DeltaBuilderTest.user;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import school.activity.shared.contract.ActivityDelta;
import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ActivityUpdate;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

class ChannelPictureTest {

    private static final Instant T1 = Instant.parse("2026-12-01T10:31:00.000001Z");
    private static final Instant T2 = Instant.parse("2026-12-01T10:31:10.000002Z");

    private final ChannelPicture picture = new ChannelPicture(Role.STUDENT);

    @Test
    void eachTickHasTheNextSeqAndItsThreePayloads() {
        List<UserActivity> first = List.of(user(1, "+1", T1, true, "A"), user(2, "+2", null, false, "B"));
        List<UserActivity> second = List.of(user(3, "+3", T2, true, "C"), user(1, "+1", T1, true, "A"));

        TickPayloads tick1 = picture.next(first, T1);
        TickPayloads tick2 = picture.next(second, T2);

        assertThat(tick1.seq()).isEqualTo(1);
        assertThat(tick2.seq()).isEqualTo(2);
        assertThat(tick2.timestamp()).isEqualTo(T2);
        assertThat(tick2.text(FrameChoice.SNAPSHOT))
                .isEqualTo(json(ActivityUpdate.of(Role.STUDENT, second, T2)))
                .doesNotContain("\"seq\"");
        assertThat(tick2.text(FrameChoice.SEQUENCED_SNAPSHOT))
                .isEqualTo(json(ActivityUpdate.of(Role.STUDENT, second, T2).withSeq(2)));
        ActivityDelta delta = ActivityJson.mapper().readValue(tick2.text(FrameChoice.DELTA), ActivityDelta.class);
        assertThat(delta.seq()).isEqualTo(2);
        assertThat(delta.base()).isEqualTo(1);
        assertThat(delta.upsert()).extracting(UserActivity::userId).containsExactly(3L);
        assertThat(delta.remove()).containsExactly(2L);
        assertThat(DeltaBuilderTest.apply(first, delta)).containsExactlyInAnyOrderElementsOf(second);
    }

    @Test
    void aPayloadIsSerialisedOnlyWhenASessionNeedsItThenShared() {
        TickPayloads tick = picture.next(List.of(user(1, "+1", T1, true, "A")), T1);

        assertThat(tick.delta().isComputed()).isFalse();
        assertThat(tick.sequencedSnapshot().isComputed()).isFalse();
        String first = tick.text(FrameChoice.SEQUENCED_SNAPSHOT);

        assertThat(tick.text(FrameChoice.SEQUENCED_SNAPSHOT)).isSameAs(first);
        assertThat(tick.delta().isComputed()).isFalse();
        JsonNode node = ActivityJson.mapper().readTree(first);
        assertThat(node.get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void theSummaryHasOneMessageForEveryChoice() {
        TickPayloads tick = TickPayloads.snapshotOnly(5, T1, () -> "{\"type\":\"activity_summary\"}");

        for (FrameChoice choice : FrameChoice.values()) {
            assertThat(tick.text(choice)).isEqualTo("{\"type\":\"activity_summary\"}");
        }
    }

    private static String json(Object message) {
        return ActivityJson.mapper().writeValueAsString(message);
    }
}

package school.activity.broadcaster.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamModeTest {

    @Test
    void noModeIsTheSeedsSnapshots() {
        assertThat(StreamMode.fromQuery(null)).contains(StreamMode.SNAPSHOT);
        assertThat(StreamMode.fromQuery("")).contains(StreamMode.SNAPSHOT);
        assertThat(StreamMode.fromQuery("other=1")).contains(StreamMode.SNAPSHOT);
        assertThat(StreamMode.fromQuery("mode=")).contains(StreamMode.SNAPSHOT);
    }

    @Test
    void modeDeltaAnywhereInTheQuery() {
        assertThat(StreamMode.fromQuery("mode=delta")).contains(StreamMode.DELTA);
        assertThat(StreamMode.fromQuery("x=1&mode=delta&y=2")).contains(StreamMode.DELTA);
        assertThat(StreamMode.fromQuery("mode=delta&mode=delta")).contains(StreamMode.DELTA);
    }

    @Test
    void anUnknownOrContradictoryModeIsABadRequest() {
        assertThat(StreamMode.fromQuery("mode=DELTA")).isEmpty();
        assertThat(StreamMode.fromQuery("mode=full")).isEmpty();
        assertThat(StreamMode.fromQuery("mode=delta&mode=x")).isEmpty();
        assertThat(StreamMode.fromQuery("mode=%zz")).isEmpty();
    }
}

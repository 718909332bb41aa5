package school.activity.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestWindowTest {

    @Test
    void windowsSurviveTheirFile(@TempDir Path dir) throws Exception {
        Map<Long, RequestWindow> windows = new LinkedHashMap<>();
        windows.put(7L, new RequestWindow(1_764_000_000_000_001L, 1_764_000_000_000_900L));
        windows.put(8L, new RequestWindow(5, 6));

        RequestWindow.write(dir.resolve("w.csv"), windows);

        assertThat(RequestWindow.read(dir.resolve("w.csv"))).containsExactlyEntriesOf(windows);
    }

    @Test
    void theLaterRequestIsTheOneSentLater() {
        RequestWindow early = new RequestWindow(1, 50);
        RequestWindow late = new RequestWindow(2, 3);

        assertThat(RequestWindow.later(early, late)).isSameAs(late);
        assertThat(RequestWindow.later(late, early)).isSameAs(late);
    }
}

package school.activity.tracker.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import school.activity.tracker.TrackerIntegrationTest;

class RequestThreadsIntegrationTest extends TrackerIntegrationTest {

    @Autowired
    private ServletWebServerApplicationContext context;

    @Test
    void withoutAGatewayTomcatHasRequestThreadsPerCoreNotTwoHundred() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(RequestThreads.max(context)).isEqualTo(8 * cores);
    }
}

package school.activity.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import school.activity.demo.school.SchoolSize;

class DemoSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DemoSettings settings = DemoSettings.resolve(List.of(), new Properties(), Map.of());

        assertThat(settings.traffic()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(Path.of("data"));
        assertThat(settings.ports()).isEqualTo(new DemoSettings.Ports(8080, 8000, 8090, 0));
        assertThat(settings.school()).isEqualTo(SchoolSize.REFERENCE);
        assertThat(settings.jwtSecret()).isEqualTo(DemoSettings.DEMO_JWT_SECRET);
        assertThat(settings.usesDemoSecret()).isTrue();
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.childEnvironment()).isEmpty();
    }

    @Test
    void argumentsWinOverSystemPropertiesWhichWinOverTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("activity.demo.traffic", "on");
        system.setProperty("activity.demo.tracker-port", "9001");

        DemoSettings settings = DemoSettings.resolve(List.of("--activity.demo.traffic=off"), system,
                Map.of("ACTIVITY_DEMO_TRACKERPORT", "9002", "ACTIVITY_DEMO_BROADCASTERPORT", "9003",
                        "ACTIVITY_DEMO_STARTUPTIMEOUT", "5m"));

        assertThat(settings.traffic()).isFalse();
        assertThat(settings.ports().tracker()).isEqualTo(9001);
        assertThat(settings.ports().broadcaster()).isEqualTo(9003);
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void otherActivitySettingsGoToTheServicesAsEnvironmentVariables() {
        Properties system = new Properties();
        system.setProperty("activity.ws.phone", "masked");

        DemoSettings settings = DemoSettings.resolve(List.of(
                "--activity.broadcast.interval=2s", "--activity.ws.allowed-roles.students=admin,teacher"), system, Map.of());

        assertThat(settings.childEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ACTIVITY_WS_PHONE", "masked",
                "ACTIVITY_BROADCAST_INTERVAL", "2s",
                "ACTIVITY_WS_ALLOWEDROLES_STUDENTS", "admin,teacher"));
    }

    @Test
    void theSecretFromTheEnvironmentReplacesTheDemoOne() {
        String secret = "a-secret-of-the-operator-that-is-long-enough-0123";

        DemoSettings settings = DemoSettings.resolve(List.of(), new Properties(), Map.of("ACTIVITY_JWT_SECRET", secret));

        assertThat(settings.jwtSecret()).isEqualTo(secret);
        assertThat(settings.usesDemoSecret()).isFalse();
    }

    @Test
    void badValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> DemoSettings.resolve(List.of("--activity.demo.traffic=maybe"), new Properties(), Map.of()))
                .hasMessageContaining("activity.demo.traffic");
        assertThatThrownBy(() -> DemoSettings.resolve(List.of("--activity.demo.tracker-port=http"), new Properties(), Map.of()))
                .hasMessageContaining("activity.demo.tracker-port");
        assertThatThrownBy(() -> DemoSettings.resolve(List.of("--activity.demo.platform-port=70000"), new Properties(), Map.of()))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> DemoSettings.resolve(List.of("--activity.demo.token-lifetime=soon"), new Properties(), Map.of()))
                .hasMessageContaining("activity.demo.token-lifetime");
        assertThatThrownBy(() -> DemoSettings.resolve(List.of("traffic=off"), new Properties(), Map.of()))
                .hasMessageContaining("--activity.<name>=<value>");
    }
}

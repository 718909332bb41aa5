package school.activity.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesTest {

    private static final Path PROJECT = Path.of(System.getProperty("deploy-check.project-dir", ".."));
    private static final Set<String> GROUPS = Set.of("activity-ingest", "activity-broadcast", "activity-instances");

    @TempDir
    Path directory;

    @Test
    void theProjectsRulesHaveTheExpectedGroupsAndNoProblem() throws IOException {
        AlertRules rules = AlertRules.load(PROJECT.resolve("deploy/prometheus/alerts.yml"));

        assertThat(rules.problems(GROUPS)).isEmpty();
        assertThat(rules.rules()).extracting(rule -> rule.get("alert")).contains("ActivityConsumerLagGrowing",
                "ActivityDeadLetters", "ActivityTicksFailing", "ActivityChannelAtLimit",
                "ActivityInstanceHeartbeatMissing");
    }

    @Test
    void aBrokenRuleFileIsRefusedWithEachProblem() throws IOException {
        Path file = directory.resolve("alerts.yml");
        Files.writeString(file, """
                groups:
                  - name: activity-ingest
                    rules:
                      - alert: NoExpression
                        for: 5 minutes
                        labels: {severity: page}
                      - alert: Both
                        record: both
                        expr: up
                        annotations: {summary: s, description: d}
                        labels: {severity: warning}
                        runbook: x
                  - name: activity-ingest
                    rules: []
                """);

        var problems = AlertRules.load(file).problems(GROUPS);

        assertThat(String.join("\\n", problems)).contains("NoExpression: no expr",
                "`for` 5 minutes is not a Prometheus duration", "labels.severity must be one of",
                "annotations.summary and annotations.description are required",
                "exactly one of `alert` and `record`", "unknown field `runbook`", "the name is used twice",
                "no rules", "expected");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(AlertRules.run(new String[] {file.toString(), "activity-ingest"}, new PrintStream(
                new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid: ");
    }

    @Test
    void aFileThatIsNotARuleFileIsRefused() throws IOException {
        Path file = directory.resolve("alerts.yml");
        Files.writeString(file, "alerts:\n  - up == 0\n");

        assertThat(AlertRules.run(new String[] {file.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(1);
    }
}

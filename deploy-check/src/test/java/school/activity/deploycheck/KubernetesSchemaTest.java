package school.activity.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesSchemaTest {

    @TempDir
    Path directory;

    @Test
    void aValidDeploymentAndBudgetPass() throws IOException {
        assertThat(problems(fixture())).isEmpty();
        assertThat(check(fixture())).isZero();
    }

    /** Each row breaks the valid fixture in one way; the check names the problem. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "readinessProbe:|readinesProbe:|The field `readinesProbe` in the JSON string is not defined in the `V1Container` properties",
            "replicas: 2|replicas: two|spec.replicas must be an integer, is \"two\"",
            "containerPort: 9090|containerPort: \"9090\"|containerPort must be an integer, is \"9090\"",
            "value: token|value: true|env[0].value must be a string, is true",
            "prometheus.io/port: \"9090\"|prometheus.io/port: 9090|annotations.prometheus.io/port must be a string, is 9090",
            "memory: 1Gi|memory: 1GB|QuantityFormatException",
            "apiVersion: policy/v1|apiVersion: policy/v1beta1|Kubernetes serves no PodDisruptionBudget in policy/v1beta1",
            "apiVersion: apps/v1|apiVersion: batch/v1|Kubernetes serves no Deployment in batch/v1",
            "- name: broadcaster|- nam: broadcaster|The field `nam` in the JSON string is not defined",
    })
    void aBrokenManifestFails(String valid, String broken, String problem) throws IOException {
        String manifest = fixture();
        assertThat(manifest).contains(valid);
        String brokenManifest = manifest.replaceFirst(Pattern.quote(valid), Matcher.quoteReplacement(broken));

        assertThat(String.join("\n", problems(brokenManifest))).contains(problem);
        assertThat(check(brokenManifest)).isEqualTo(1);
    }

    @Test
    void anObjectWithoutNameFails() throws IOException {
        String nameless = fixture().replaceFirst("  name: broadcaster\n", "");

        assertThat(String.join("\n", problems(nameless))).contains("Deployment (no name) (apps/v1): metadata.name is required");
    }

    @Test
    void aFileWithoutObjectsFails() throws IOException {
        assertThat(check("# nothing\n")).isEqualTo(1);
    }

    private int check(String manifest) throws IOException {
        Path file = directory.resolve("manifest.yaml");
        Files.writeString(file, manifest);
        return ManifestCheck.run(new String[] {file.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static List<String> problems(String manifest) {
        return ManifestCheck.documents(new java.io.ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)))
                .stream().flatMap(document -> ManifestCheck.problems("test", document).stream()).toList();
    }

    private static String fixture() throws IOException {
        try (InputStream in = KubernetesSchemaTest.class.getResourceAsStream("/deployment.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

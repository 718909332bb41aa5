package school.activity.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonElement;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Validates rendered manifests (e.g. {@code kubectl kustomize deploy/kubernetes/overlays/dev}) against the
 * Kubernetes API's schemas ({@link KubernetesSchema}). Usage: {@code ManifestCheck <file.yaml>...} or {@code -}
 * for standard input. Prints one line per problem and exits 1 when there is any, 2 when a file cannot be read.
 */
public final class ManifestCheck {

    private static final Gson GSON = new Gson();

    private ManifestCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: ManifestCheck <rendered manifests .yaml | - for standard input>...");
            return 2;
        }
        int objects = 0;
        List<String> problems = new ArrayList<>();
        for (String source : args) {
            try (InputStream in = source.equals("-") ? System.in : Files.newInputStream(Path.of(source))) {
                List<Object> documents = documents(in);
                objects += documents.size();
                documents.forEach(document -> problems.addAll(problems(source, document)));
            } catch (IOException | RuntimeException e) {
                err.println(source + ": cannot read: " + e.getMessage());
                return 2;
            }
        }
        problems.forEach(problem -> err.println("invalid: " + problem));
        if (objects == 0) {
            err.println("no Kubernetes object found");
            return 1;
        }
        out.printf("%d objects checked, %d problems%n", objects, problems.size());
        return problems.isEmpty() ? 0 : 1;
    }

    /** Every YAML document of the stream, empty ones left out. */
    static List<Object> documents(InputStream in) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(in)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    static List<String> problems(String source, Object document) {
        JsonElement json = GSON.toJsonTree(document);
        if (!json.isJsonObject()) {
            return List.of(source + ": a document is not an object");
        }
        return KubernetesSchema.problems(json.getAsJsonObject());
    }
}

package school.activity.deploycheck;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kubernetes.client.openapi.JSON;

/**
 * Validates one Kubernetes object against the schema of the Kubernetes API, as the official Java client's models
 * were generated from it (client-java-api): the group and version must serve the kind, every field must exist in the
 * schema (unknown or misplaced fields fail, as {@code kubectl --validate=strict} would), required fields must be
 * present and every value must have its declared JSON type ({@link FieldTypes}): YAML's {@code true} or
 * {@code 9090} where the API wants a string, or {@code "9090"} where it wants an integer, is refused by the API server.
 */
public final class KubernetesSchema {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String APIS = "io.kubernetes.client.openapi.apis.";

    private KubernetesSchema() {
    }

    /** The problems found in {@code object}; empty when it is valid. */
    public static List<String> problems(JsonObject object) {
        String apiVersion = string(object, "apiVersion").orElse(null);
        String kind = string(object, "kind").orElse(null);
        if (apiVersion == null || kind == null) {
            return List.of("apiVersion and kind are required");
        }
        String name = object.has("metadata") && object.get("metadata").isJsonObject()
                ? string(object.getAsJsonObject("metadata"), "name").orElse(null) : null;
        String what = kind + " " + (name == null ? "(no name)" : name) + " (" + apiVersion + ")";
        List<String> problems = new ArrayList<>();
        if (name == null) {
            problems.add(what + ": metadata.name is required");
        }
        Optional<Class<?>> model = model(apiVersion, kind);
        if (model.isEmpty()) {
            problems.add(what + ": Kubernetes serves no " + kind + " in " + apiVersion);
            return problems;
        }
        try {
            invokeValidation(model.get(), object);
            JSON.getGson().fromJson(object, model.get());
        } catch (IllegalArgumentException | IOException | com.google.gson.JsonParseException e) {
            problems.add(what + ": " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            problems.add(what + ": " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        FieldTypes.mismatches(model.get(), object).forEach(mismatch -> problems.add(what + ": " + mismatch));
        return problems;
    }

    /**
     * The model class of {@code kind} in {@code group/version}, provided the group's API serves it (its generated
     * API class has a create operation for the kind): {@code apps/v1} + {@code Deployment} is {@code V1Deployment},
     * served by {@code AppsV1Api}; {@code batch/v1} + {@code Deployment} is not served.
     */
    static Optional<Class<?>> model(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String versionPrefix = capitalize(version);
        String groupPrefix = String.join("", Arrays.stream(group.replace(".k8s.io", "").split("\\."))
                .map(KubernetesSchema::capitalize).toList());
        Optional<Class<?>> api = load(APIS + groupPrefix + versionPrefix + "Api");
        if (api.isEmpty() || Arrays.stream(api.get().getMethods()).map(Method::getName)
                .noneMatch(m -> m.equals("createNamespaced" + kind) || m.equals("create" + kind))) {
            return Optional.empty();
        }
        return load(MODELS + versionPrefix + kind).or(() -> load(MODELS + groupPrefix + versionPrefix + kind));
    }

    private static void invokeValidation(Class<?> model, JsonObject object) throws IOException {
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, object);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no validation in " + model.getName(), e);
        }
    }

    private static boolean isString(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    private static Optional<String> string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && isString(value) ? Optional.of(value.getAsString()) : Optional.empty();
    }

    private static Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // The client's messages end with the whole JSON of the object; the field named before it is what matters.
        int json = line.indexOf(" JSON: ");
        return json < 0 ? line : line.substring(0, json);
    }
}

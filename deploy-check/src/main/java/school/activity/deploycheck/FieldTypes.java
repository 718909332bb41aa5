package school.activity.deploycheck;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;

/**
 * Compares the JSON types of an object's values with the types its Kubernetes model declares, field by field:
 * Gson would read {@code "9090"} into an integer field or {@code false} into a string field, the API server
 * refuses both. Quantities and int-or-string values take either form, as in Kubernetes.
 */
final class FieldTypes {

    private static final String MODELS = "io.kubernetes.client.openapi.models";

    private FieldTypes() {
    }

    static List<String> mismatches(Class<?> model, JsonObject object) {
        List<String> problems = new ArrayList<>();
        walk(model, object, "", problems);
        return problems;
    }

    private static void walk(Type type, JsonElement value, String path, List<String> problems) {
        if (value == null || value.isJsonNull()) {
            return;
        }
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && value.isJsonArray()) {
                for (int i = 0; i < value.getAsJsonArray().size(); i++) {
                    walk(arguments[0], value.getAsJsonArray().get(i), path + "[" + i + "]", problems);
                }
            } else if (Map.class.isAssignableFrom(raw) && value.isJsonObject()) {
                value.getAsJsonObject().entrySet().forEach(entry ->
                        walk(arguments[1], entry.getValue(), path + "." + entry.getKey(), problems));
            }
            return;
        }
        if (!(type instanceof Class<?> declared)) {
            return;
        }
        String expected = primitiveKind(declared);
        if (expected != null) {
            if (!matches(expected, value)) {
                problems.add(path.substring(1) + " must be " + expected + ", is " + value);
            }
            return;
        }
        if (declared.getPackageName().equals(MODELS) && value.isJsonObject()) {
            for (Field field : declared.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(field.getModifiers())) {
                    walk(field.getGenericType(), value.getAsJsonObject().get(name.value()), path + "." + name.value(),
                            problems);
                }
            }
        }
    }

    /** "a string", "an integer", "a number" or "a boolean" for the JSON-typed Java types; null for the others. */
    private static String primitiveKind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == Double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "a boolean";
        }
        return null;
    }

    private static boolean matches(String expected, JsonElement value) {
        if (!value.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return switch (expected) {
            case "a string" -> primitive.isString();
            case "a boolean" -> primitive.isBoolean();
            case "an integer" -> primitive.isNumber() && primitive.getAsDouble() == Math.rint(primitive.getAsDouble());
            default -> primitive.isNumber();
        };
    }
}

package school.activity.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ErrorResponse;

/** Writes the JSON error body that every refusal of either service carries. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static void write(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        ActivityJson.mapper().writeValue(response.getOutputStream(), new ErrorResponse(error, message));
    }
}

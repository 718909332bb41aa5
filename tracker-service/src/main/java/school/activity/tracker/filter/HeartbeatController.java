package school.activity.tracker.filter;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;
import school.activity.support.JsonErrors;

/**
 * {@code POST /activity/heartbeat}: lets an idle client app stay online. The tracking filter has already recorded
 * the activity; this endpoint only answers 204, or 401 with a JSON error when the token is missing or invalid.
 */
@RestController
@ConditionalOnBooleanProperty(name = "activity.tracker.http.enabled", matchIfMissing = true)
class HeartbeatController {

    static final String PATH = "/activity/heartbeat";

    private final TokenVerifier verifier;

    HeartbeatController(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @PostMapping(PATH)
    void heartbeat(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TokenVerification verification = request.getAttribute(ActivityTrackingFilter.VERIFICATION_ATTRIBUTE)
                instanceof TokenVerification verified
                ? verified
                : verifier.verifyAuthorizationHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (verification instanceof TokenVerification.Rejected rejected) {
            JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", rejected.reason().description());
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}

package school.activity.broadcaster.status;

import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import school.activity.shared.contract.ErrorResponse;
import school.activity.shared.token.AuthenticatedUser;
import school.activity.shared.token.TokenVerification;
import school.activity.shared.token.TokenVerifier;

/** Who may read the operators' endpoints (status, history): a Bearer token whose role is a status role. */
@Component
public class StatusAccess {

    private final TokenVerifier verifier;
    private final Set<String> allowedRoles;

    public StatusAccess(TokenVerifier verifier, StatusProperties properties) {
        this.verifier = verifier;
        this.allowedRoles = Set.copyOf(properties.allowedRoles());
    }

    /** Empty when the {@code Authorization} header may read; else the 401 or 403 to answer. */
    public Optional<ResponseEntity<ErrorResponse>> refusal(String authorization, String what) {
        TokenVerification verification = verifier.verifyAuthorizationHeader(authorization);
        if (verification instanceof TokenVerification.Rejected rejected) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "unauthorized", rejected.reason().description()));
        }
        AuthenticatedUser user = verification.acceptedUser().orElseThrow();
        if (user.role() == null || !allowedRoles.contains(user.role())) {
            return Optional.of(error(HttpStatus.FORBIDDEN, "forbidden", "role may not read the " + what));
        }
        return Optional.empty();
    }

    /** A JSON error answer; a 401 says which scheme to use. */
    public static ResponseEntity<ErrorResponse> error(HttpStatus status, String error, String message) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.body(new ErrorResponse(error, message));
    }
}

package school.activity.broadcaster.handshake;

import java.util.List;

import org.springframework.web.cors.CorsConfiguration;

/**
 * First check of a handshake: a browser's Origin must match {@code activity.ws.allowed-origins}. Clients that send
 * no Origin (not browsers) pass: the Origin header only protects browsers.
 */
final class OriginCheck {

    private final CorsConfiguration origins = new CorsConfiguration();

    OriginCheck(List<String> allowedOriginPatterns) {
        origins.setAllowedOriginPatterns(allowedOriginPatterns);
    }

    boolean allows(String origin) {
        return origin == null || origins.checkOrigin(origin) != null;
    }
}

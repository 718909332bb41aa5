package school.activity.broadcaster.status;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;


/** This instance's id in {@code activity_broadcaster_instance}. */
@Component
public class InstanceIdentity {

    private static final int MAX_HOST_LENGTH = 180;

    private final String id;

    public InstanceIdentity(InstanceProperties properties) {
        String configured = properties.instanceId();
        this.id = configured != null && !configured.isBlank() ? configured.strip() : hostName() + "-" + randomSuffix();
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.length() > MAX_HOST_LENGTH ? host.substring(0, MAX_HOST_LENGTH) : host;
        } catch (UnknownHostException e) {
            return "broadcaster";
        }
    }

    private static String randomSuffix() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}

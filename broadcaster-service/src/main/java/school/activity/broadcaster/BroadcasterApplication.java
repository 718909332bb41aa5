package school.activity.broadcaster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Serves the live role channels and the cluster-wide status from PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BroadcasterApplication {

    public static void main(String[] args) {
        SpringApplication.run(BroadcasterApplication.class, args);
    }
}

package school.activity.tracker.filter;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import school.activity.shared.token.TokenVerifier;
import school.activity.tracker.publish.ActivityRecorder;

/** Registers the tracking filter on every path; off on a consumer-only replica. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "activity.tracker.http.enabled", matchIfMissing = true)
class FilterConfiguration {

    @Bean
    FilterRegistrationBean<ActivityTrackingFilter> activityTrackingFilter(TokenVerifier verifier,
            ActivityRecorder recorder, MeterRegistry registry) {
        FilterRegistrationBean<ActivityTrackingFilter> registration = new FilterRegistrationBean<>(
                new ActivityTrackingFilter(verifier, recorder, Clock.systemUTC(), registry));
        registration.setOrder(ActivityTrackingFilter.ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}

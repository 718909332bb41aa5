package school.activity.broadcaster.fanout;

import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The web server's event loops and per-connection write buffers. The loops are the fan-out's threads: a tick is one
 * task per loop, so as many loops as cores keep every core writing and none switching between more threads than
 * it has. The high-water mark decides when a connection skips a tick.
 */
@Configuration(proxyBeanMethods = false)
class NettyServerSetup {

    private static final String LOOP_THREAD_PREFIX = "activity-io";
    private static final int SELECTOR_THREADS = 1;

    /** The web server runs on the factory's loops (Boot's default factory would bring its own). */
    @Bean
    ReactorResourceFactory reactorResourceFactory(FanoutProperties properties) {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setLoopResourcesSupplier(
                () -> LoopResources.create(LOOP_THREAD_PREFIX, SELECTOR_THREADS, properties.eventLoops(), true));
        return factory;
    }

    @Bean
    NettyServerCustomizer activityServer(FanoutProperties properties) {
        WriteBufferWaterMark marks = new WriteBufferWaterMark(
                Math.toIntExact(properties.writeBuffer().low().toBytes()),
                Math.toIntExact(properties.writeBuffer().high().toBytes()));
        return server -> server.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, marks);
    }
}

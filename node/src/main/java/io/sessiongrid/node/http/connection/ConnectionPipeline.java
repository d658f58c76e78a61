package io.sessiongrid.node.http.connection;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.sessiongrid.node.http.hot.HotRoutes;
import io.sessiongrid.node.http.problem.Problems;
import io.sessiongrid.node.metrics.ConnectionMetrics;
import jakarta.inject.Singleton;

/**
 * Puts the {@link ConnectionGuard} in front of every connection's pipeline and the {@link RequestGuard},
 * the {@link DateHeader} and the hot routes ({@link HotRoutes}) just before Micronaut's own inbound
 * handler, through Micronaut's documented hook for server pipelines.
 */
@Singleton
public class ConnectionPipeline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final OpenConnections connections;
    private final ConnectionMetrics metrics;
    private final EarlyAnswers answers;
    private final long requestTimeoutNanos;
    private final long maxRequestBytes;
    private final HotRoutes hotRoutes;

    public ConnectionPipeline(OpenConnections connections, ConnectionLimits limits, ConnectionMetrics metrics,
                              Problems problems, HttpServerConfiguration server, HotRoutes hotRoutes) {
        this.connections = connections;
        this.metrics = metrics;
        this.answers = new EarlyAnswers(problems);
        this.requestTimeoutNanos = limits.requestTimeout().toNanos();
        this.maxRequestBytes = server.getMaxRequestSize();
        this.hotRoutes = hotRoutes;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new ServerCustomizer());
        return event.getBean();
    }

    /** The server's and each listener's customizer: it only makes one per connection. */
    private final class ServerCustomizer implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return switch (role) {
                case LISTENER -> this;
                case CONNECTION -> new PerConnection(channel);
                default -> NONE;
            };
        }
    }

    private final class PerConnection implements NettyServerCustomizer {

        private final Channel channel;
        private final ConnectionGuard guard;

        PerConnection(Channel channel) {
            this.channel = channel;
            this.guard = new ConnectionGuard(connections, metrics, requestTimeoutNanos);
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel child, ChannelRole role) {
            return NONE; // HTTP/2 streams: the connection's guard already counts them
        }

        @Override
        public void onInitialPipelineBuilt() {
            channel.pipeline().addFirst(ConnectionGuard.NAME, guard);
        }

        /** Called for HTTP/1.1 connections (the node's protocol), whose requests the decoder hands on one by one. */
        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && pipeline.get(RequestGuard.NAME) == null) {
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, RequestGuard.NAME,
                        new RequestGuard(guard, answers, metrics, maxRequestBytes));
                // Toward the codec from every handler that answers: Micronaut's, the hot routes', the guard's.
                pipeline.addBefore(RequestGuard.NAME, DateHeader.NAME, DateHeader.INSTANCE);
                guard.trackRequests();
                // Behind the request guard, which must see every request head and body end, hot ones too.
                hotRoutes.handler().ifPresent(handler -> pipeline.addAfter(RequestGuard.NAME, HotRoutes.HANDLER_NAME, handler));
            }
        }
    }

    private static final NettyServerCustomizer NONE = new NettyServerCustomizer() {
    };
}

package io.sessiongrid.node.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the libraries' own ERROR lines for a taken port (Hazelcast's with its stack trace, Micronaut's
 * Netty server's): the launcher reports the same failure once, in one line that names the setting
 * ({@link StartupProblems}). Every other line passes.
 */
public final class StartupNoiseLogFilter extends Filter<ILoggingEvent> {

    private static final String ADDRESS_PICKER = "com.hazelcast.instance.AddressPicker";
    private static final String NETTY_SERVER = "io.micronaut.http.server.netty.NettyHttpServer";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() != Level.ERROR || event.getFormattedMessage() == null) {
            return FilterReply.NEUTRAL;
        }
        String message = event.getFormattedMessage();
        boolean memberPort = ADDRESS_PICKER.equals(event.getLoggerName()) && message.contains(StartupProblems.MEMBER_PORT_TAKEN);
        boolean httpPort = NETTY_SERVER.equals(event.getLoggerName()) && message.contains("already in use");
        return memberPort || httpPort ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}

package io.sessiongrid.node.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops Hazelcast's own ERROR, with its stack trace, for a taken member port: the launcher reports the
 * same failure in one line that names the setting ({@link StartupProblems}). Every other line passes.
 */
public final class MemberPortTakenLogFilter extends Filter<ILoggingEvent> {

    private static final String ADDRESS_PICKER = "com.hazelcast.instance.AddressPicker";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLevel() == Level.ERROR && ADDRESS_PICKER.equals(event.getLoggerName())
                && event.getFormattedMessage() != null
                && event.getFormattedMessage().contains(StartupProblems.MEMBER_PORT_TAKEN)
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}

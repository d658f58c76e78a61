package io.sessiongrid.node.http.connection;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The connection limits in force. A connection costs a file descriptor; a process out of them can accept
 * nothing, health probes included, so the cap and the reserve stay below the process's limit with room
 * for what the member, the store pool, jars and logs hold.
 *
 * @param maxConnections connections accepted for any request
 * @param healthReserve  connections accepted beyond {@code maxConnections} for health probes only
 * @param requestTimeout longest wait for a complete request ({@link Duration#ZERO}: none)
 */
public record ConnectionLimits(int maxConnections, int healthReserve, Duration requestTimeout) {

    /** The derived cap never exceeds this: more is rarely what one node should hold, and stays configurable. */
    static final int DEFAULT_CEILING = 10_000;
    /** File descriptors left for everything that is not an HTTP connection. */
    static final int FD_HEADROOM = 256;

    /** Resolves the settings against this process's file-descriptor limit. */
    public static ConnectionLimits resolve(ConnectionSettings settings) {
        return resolve(settings, fileDescriptorLimit());
    }

    static ConnectionLimits resolve(ConnectionSettings settings, OptionalLong fdLimit) {
        if (settings.healthReserve() < 0) {
            throw new IllegalStateException(ConnectionSettings.HEALTH_RESERVE + " must be >= 0, not " + settings.healthReserve());
        }
        if (settings.requestTimeout().isNegative()) {
            throw new IllegalStateException(ConnectionSettings.REQUEST_TIMEOUT + " must be >= 0s, not " + settings.requestTimeout());
        }
        int max;
        if (settings.maxConnections() == null) {
            max = (int) Math.max(1, Math.min(DEFAULT_CEILING, fdLimit.orElse(2L * DEFAULT_CEILING) / 2));
        } else {
            max = settings.maxConnections();
            if (max < 1) {
                throw new IllegalStateException(ConnectionSettings.MAX_CONNECTIONS + " must be >= 1, not " + max);
            }
            if (fdLimit.isPresent() && (long) max + settings.healthReserve() + FD_HEADROOM > fdLimit.getAsLong()) {
                throw new IllegalStateException(ConnectionSettings.MAX_CONNECTIONS + " (" + max + ") + "
                        + ConnectionSettings.HEALTH_RESERVE + " (" + settings.healthReserve() + ") must stay "
                        + FD_HEADROOM + " below this process's file-descriptor limit (" + fdLimit.getAsLong()
                        + "), or the node runs out of them and answers nothing: lower it, or raise the limit (ulimit -n)");
            }
        }
        return new ConnectionLimits(max, settings.healthReserve(), settings.requestTimeout());
    }

    /** The process's file-descriptor limit, where the JVM can tell (Unix). */
    static OptionalLong fileDescriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}

package io.sessiongrid.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The CPU time the server side of a target has used: user + system time of its processes from
 * {@code /proc/<pid>/stat}, in microseconds. The difference over the measured window divided by the
 * operations in it is the server's CPU per operation. Linux only; elsewhere it reports nothing.
 */
final class ServerCpu {

    /** Clock ticks per second of {@code /proc} times; 100 on every Linux this bench runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final String description;
    private final Supplier<List<Long>> pids;

    private ServerCpu(String description, Supplier<List<Long>> pids) {
        this.description = description;
        this.pids = pids;
    }

    /** One process, e.g. the node the bench started. */
    static ServerCpu process(String description, long pid) {
        return new ServerCpu(description, () -> List.of(pid));
    }

    /**
     * Every process with this command name ({@code redis-server}, {@code postgres}: the server and all
     * its backends), looked up at each sample so backends that start later count too.
     */
    static ServerCpu named(String command) {
        return new ServerCpu(command + " processes", () -> {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> command.equals(read(p.resolve("comm")).trim()))
                        .map(p -> Long.parseLong(p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                return List.of();
            }
        });
    }

    /** Both sides' time: a grid node and the database behind it. */
    static ServerCpu sum(ServerCpu a, ServerCpu b) {
        return new ServerCpu(a.description + " + " + b.description,
                () -> Stream.concat(a.pids.get().stream(), b.pids.get().stream()).toList());
    }

    static ServerCpu none() {
        return new ServerCpu("no server process known", List::of);
    }

    String description() {
        return description;
    }

    /** CPU microseconds used so far, or empty when no process could be read. */
    OptionalLong micros() {
        long ticks = 0;
        boolean any = false;
        for (long pid : pids.get()) {
            String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            int end = stat.lastIndexOf(')');
            if (end < 0) {
                continue;
            }
            String[] fields = stat.substring(end + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            any = true;
        }
        return any ? OptionalLong.of(ticks * 1_000_000 / TICKS_PER_SECOND) : OptionalLong.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}

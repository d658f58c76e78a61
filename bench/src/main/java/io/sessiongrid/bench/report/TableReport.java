package io.sessiongrid.bench.report;

import java.util.List;
import java.util.Locale;

/** The results as a text table, each figure also as a ratio to the baseline target's (Redis by default). */
public final class TableReport {

    private TableReport() {
    }

    public static String render(List<RunResult> runs, String baseline) {
        StringBuilder out = new StringBuilder();
        RunResult base = runs.stream().filter(r -> r.target().equals(baseline)).findFirst().orElse(null);
        out.append(String.format(Locale.ROOT, "%-9s %-7s %10s %9s %9s %9s %9s %7s%n",
                "target", "op", "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors"));
        for (RunResult run : runs) {
            for (OpResult op : run.operations()) {
                out.append(String.format(Locale.ROOT, "%-9s %-7s %10.0f %9.3f %9.3f %9.3f %9.1f %7d%n",
                        run.target(), op.type(), op.throughput(), op.p50(), op.p99(), op.p999(), op.max(), op.errors()));
                OpResult b = base == null || run == base ? null : base.operation(op.type());
                if (b != null) {
                    out.append(String.format(Locale.ROOT, "%-9s %-7s %9sx %8sx %8sx %8sx%n", "", "/" + baseline,
                            ratio(op.throughput(), b.throughput()), ratio(op.p50(), b.p50()),
                            ratio(op.p99(), b.p99()), ratio(op.p999(), b.p999())));
                }
            }
        }
        out.append(String.format(Locale.ROOT, "%-9s %10s %16s%n", "target", "all ops/s", "server CPU/op"));
        for (RunResult run : runs) {
            out.append(String.format(Locale.ROOT, "%-9s %10.0f %13s µs", run.target(), run.throughput(),
                    Double.isNaN(run.serverCpuMicrosPerOp()) ? "-" : String.format(Locale.ROOT, "%.1f", run.serverCpuMicrosPerOp())));
            if (base != null && run != base && !Double.isNaN(base.serverCpuMicrosPerOp())) {
                out.append(String.format(Locale.ROOT, "  %sx %s's CPU, %sx its ops/s", ratio(run.serverCpuMicrosPerOp(),
                        base.serverCpuMicrosPerOp()), baseline, ratio(run.throughput(), base.throughput())));
            }
            out.append("  (").append(run.serverCpuSource()).append(")\n");
        }
        for (RunResult run : runs) {
            for (OpResult op : run.operations()) {
                if (op.firstError() != null) {
                    out.append(run.target()).append(' ').append(op.type()).append(" first error: ")
                            .append(op.firstError()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String ratio(double value, double base) {
        return base == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value / base);
    }
}

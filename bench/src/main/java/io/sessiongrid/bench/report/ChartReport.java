package io.sessiongrid.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** latency.png: p50, p99 and p99.9 of every operation, one bar per target, on a log scale. */
public final class ChartReport {

    private ChartReport() {
    }

    public static void write(Path file, String title, List<RunResult> runs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(600).title(title)
                .xAxisTitle("operation and percentile").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(false);
        // Only operations every target completed: a log axis has no place for zero.
        java.util.Set<String> shown = new java.util.LinkedHashSet<>();
        runs.get(0).operations().forEach(op -> shown.add(op.type()));
        runs.forEach(run -> run.operations().stream().filter(op -> op.count() == 0).forEach(op -> shown.remove(op.type())));
        Map<String, Integer> seen = new HashMap<>();
        for (RunResult run : runs) {
            List<String> categories = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (OpResult op : run.operations()) {
                if (!shown.contains(op.type())) {
                    continue;
                }
                categories.add(op.type() + " p50");
                values.add(Math.max(0.001, op.p50()));
                categories.add(op.type() + " p99");
                values.add(Math.max(0.001, op.p99()));
                categories.add(op.type() + " p99.9");
                values.add(Math.max(0.001, op.p999()));
            }
            // A target may run twice (an A/B repeat); the chart needs distinct series names.
            int n = seen.merge(run.target(), 1, Integer::sum);
            chart.addSeries(n == 1 ? run.target() : run.target() + " #" + n, categories, values);
        }
        // Bars start at the axis minimum, which a log axis must keep above zero.
        double lowest = runs.stream().flatMap(r -> r.operations().stream()).filter(op -> shown.contains(op.type()))
                .mapToDouble(op -> Math.max(0.001, op.p50())).min().orElse(0.001);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}

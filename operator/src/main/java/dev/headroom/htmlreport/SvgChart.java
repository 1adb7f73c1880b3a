package dev.headroom.htmlreport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A line chart as inline SVG: both axes with ticks and units, each series a path (and dots,
 * for few points), vertical markers (stages, the sustainable rate), horizontal limits (an SLO),
 * and a legend. Colours come from the page's CSS classes, so one chart reads in light and dark.
 */
final class SvgChart {

  private static final int WIDTH = 760;
  private static final int HEIGHT = 280;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 18;
  private static final int BOTTOM = 46;
  private static final int TICKS = 5;

  /** One series: points in data units, drawn in colour {@code tone} (1 to 5). */
  record Line(String name, int tone, List<double[]> points, boolean dashed, boolean dots) {}

  /** A marked point with what a pointer over it shows, and where a click on it goes (or null). */
  record Mark(double x, double y, String title, String href) {}

  /** Marked points of one kind, drawn as rings over the lines, in colour {@code tone}. */
  record Marks(String name, int tone, List<Mark> marks) {}

  /** A vertical line at {@code x} or a horizontal one at {@code y}, labelled. */
  record Rule(double at, String label, boolean vertical) {}

  /** An axis scale: linear, or HdrHistogram's percentile scale (1 / (1 - q), logarithmic). */
  enum Scale {
    LINEAR(v -> v),
    PERCENTILE(q -> Math.log10(1 / (1 - Math.min(q, 99.9999) / 100)));

    final DoubleUnaryOperator in;

    Scale(DoubleUnaryOperator in) {
      this.in = in;
    }
  }

  private final String id;
  private final String title;
  private final String xUnit;
  private final String yUnit;
  private Scale xScale = Scale.LINEAR;
  private final List<Line> lines = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private final List<Marks> marks = new ArrayList<>();

  SvgChart(String id, String title, String xUnit, String yUnit) {
    this.id = id;
    this.title = title;
    this.xUnit = xUnit;
    this.yUnit = yUnit;
  }

  SvgChart percentileAxis() {
    xScale = Scale.PERCENTILE;
    return this;
  }

  SvgChart line(String name, int tone, List<double[]> points) {
    lines.add(new Line(name, tone, points, false, points.size() <= 30));
    return this;
  }

  SvgChart dashed(String name, int tone, List<double[]> points) {
    lines.add(new Line(name, tone, points, true, false));
    return this;
  }

  SvgChart marks(String name, int tone, List<Mark> points) {
    if (!points.isEmpty()) {
      marks.add(new Marks(name, tone, List.copyOf(points)));
    }
    return this;
  }

  SvgChart vertical(double x, String label) {
    rules.add(new Rule(x, label, true));
    return this;
  }

  SvgChart horizontal(double y, String label) {
    rules.add(new Rule(y, label, false));
    return this;
  }

  boolean isEmpty() {
    return lines.stream().allMatch(l -> l.points().stream().allMatch(p -> Double.isNaN(p[1])));
  }

  String render() {
    double[] xs = range(true);
    double[] ys = range(false);
    double yMax = niceCeiling(ys[1]);
    StringBuilder svg = new StringBuilder();
    svg.append("<figure class=\"chart\" id=\"").append(id).append("\"><figcaption>").append(Html.text(title))
        .append("</figcaption><svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(Html.text(title)).append("\">");
    axes(svg, xs, yMax);
    for (Rule r : rules) {
      rule(svg, r, xs, yMax, false);
    }
    for (Line l : lines) {
      series(svg, l, xs, yMax);
    }
    for (Marks m : marks) {
      marks(svg, m, xs, yMax);
    }
    // Labels last, each on a halo of the panel's colour, so no line runs through one.
    for (Rule r : rules) {
      rule(svg, r, xs, yMax, true);
    }
    svg.append("</svg>");
    legend(svg);
    return svg.append("</figure>").toString();
  }

  /** Data range of x (after the scale) or y, including the rules, never empty. */
  private double[] range(boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (double[] p : l.points()) {
        double v = x ? xScale.in.applyAsDouble(p[0]) : p[1];
        if (Double.isNaN(v)) {
          continue;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    for (Marks m : marks) {
      for (Mark p : m.marks()) {
        double v = x ? xScale.in.applyAsDouble(p.x()) : p.y();
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    for (Rule r : rules) {
      if (r.vertical() == x) {
        double v = x ? xScale.in.applyAsDouble(r.at()) : r.at();
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min == Double.POSITIVE_INFINITY) {
      return new double[] {0, 1};
    }
    // Values start at zero where that reads true (rates, latencies); a percentile axis starts at 0%.
    min = Math.min(min, 0);
    return new double[] {min, max > min ? max : min + 1};
  }

  private static double px(double v, double[] range) {
    return LEFT + (v - range[0]) / (range[1] - range[0]) * (WIDTH - LEFT - RIGHT);
  }

  private static double py(double v, double max) {
    return HEIGHT - BOTTOM - v / max * (HEIGHT - TOP - BOTTOM);
  }

  private void axes(StringBuilder svg, double[] xs, double yMax) {
    svg.append("<g class=\"axis\">");
    double step = niceStep(yMax / TICKS);
    for (int i = 0; i * step <= yMax + step / 1000; i++) {
      double v = i * step;
      double y = py(v, yMax);
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
          LEFT, WIDTH - RIGHT, y, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT - 6, y + 4, number(v)));
    }
    for (double tick : xTicks(xs)) {
      double x = px(xScale.in.applyAsDouble(tick), xs);
      svg.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
          x, x, HEIGHT - BOTTOM, HEIGHT - BOTTOM + 5));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
          x, HEIGHT - BOTTOM + 18, xScale == Scale.PERCENTILE ? percentile(tick) : number(tick)));
    }
    svg.append(String.format(Locale.ROOT,
        "<line class=\"frame\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/><line class=\"frame\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
        LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM, LEFT, LEFT, TOP, HEIGHT - BOTTOM));
    svg.append(String.format(Locale.ROOT, "<text class=\"unit\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
        (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, Html.text(xUnit)));
    svg.append(String.format(Locale.ROOT,
        "<text class=\"unit\" transform=\"rotate(-90)\" x=\"%d\" y=\"16\" text-anchor=\"middle\">%s</text>",
        -(TOP + HEIGHT - BOTTOM) / 2, Html.text(yUnit)));
    svg.append("</g>");
  }

  private List<Double> xTicks(double[] xs) {
    List<Double> ticks = new ArrayList<>();
    if (xScale == Scale.PERCENTILE) {
      for (double q : new double[] {0, 90, 99, 99.9, 99.99, 99.999, 99.9999}) {
        if (xScale.in.applyAsDouble(q) <= xs[1] + 1e-9) {
          ticks.add(q);
        }
      }
      return ticks;
    }
    double step = niceStep((xs[1] - xs[0]) / TICKS);
    for (double v = Math.ceil(xs[0] / step) * step; v <= xs[1] + step / 1000; v += step) {
      ticks.add(v);
    }
    return ticks;
  }

  /** The rule's line, or its label. */
  private void rule(StringBuilder svg, Rule r, double[] xs, double yMax, boolean label) {
    if (r.vertical()) {
      double x = px(xScale.in.applyAsDouble(r.at()), xs);
      svg.append(label
          ? String.format(Locale.ROOT, "<text class=\"rule-label\" x=\"%.1f\" y=\"%d\">%s</text>",
              x + 5, TOP + 10, Html.text(r.label()))
          : String.format(Locale.ROOT, "<line class=\"rule\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
              x, x, TOP, HEIGHT - BOTTOM));
    } else {
      double y = py(r.at(), yMax);
      svg.append(label
          ? String.format(Locale.ROOT, "<text class=\"rule-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
              WIDTH - RIGHT - 4, y - 4, Html.text(r.label()))
          : String.format(Locale.ROOT, "<line class=\"rule limit\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
              LEFT, WIDTH - RIGHT, y, y));
    }
  }

  /**
   * One path per series; a point whose y is NaN breaks it, so a stretch with nothing measured (the
   * rest between capacity steps) is not drawn as if it had been.
   */
  private void series(StringBuilder svg, Line l, double[] xs, double yMax) {
    StringBuilder d = new StringBuilder();
    int drawn = 0;
    boolean pen = false;
    for (double[] p : l.points()) {
      if (Double.isNaN(p[1])) {
        pen = false;
        continue;
      }
      d.append(String.format(Locale.ROOT, "%s%.1f,%.1f ", pen ? "L" : "M", px(xScale.in.applyAsDouble(p[0]), xs),
          py(p[1], yMax)));
      pen = true;
      drawn++;
    }
    if (drawn == 0) {
      return;
    }
    svg.append("<path class=\"line s").append(l.tone()).append(l.dashed() ? " dashed" : "")
        .append("\" data-points=\"").append(drawn).append("\" d=\"").append(d.toString().trim())
        .append("\"><title>").append(Html.text(l.name())).append("</title></path>");
    if (l.dots()) {
      for (double[] p : l.points()) {
        if (!Double.isNaN(p[1])) {
          svg.append(String.format(Locale.ROOT, "<circle class=\"s%d dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>",
              l.tone(), px(xScale.in.applyAsDouble(p[0]), xs), py(p[1], yMax)));
        }
      }
    }
  }

  /** Each mark a ring with its title; a link around it when it has a web address to go to. */
  private void marks(StringBuilder svg, Marks m, double[] xs, double yMax) {
    svg.append("<g class=\"marks\" data-marks=\"").append(m.marks().size()).append("\">");
    for (Mark p : m.marks()) {
      String ring = String.format(Locale.ROOT, "<circle class=\"s%d mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>%s</title></circle>",
          m.tone(), px(xScale.in.applyAsDouble(p.x()), xs), py(p.y(), yMax), Html.text(p.title()));
      svg.append(Html.linked(ring, p.href()));
    }
    svg.append("</g>");
  }

  private void legend(StringBuilder svg) {
    svg.append("<ul class=\"legend\">");
    for (Line l : lines) {
      svg.append("<li><span class=\"key s").append(l.tone()).append(l.dashed() ? " dashed" : "").append("\"></span>")
          .append(Html.text(l.name())).append("</li>");
    }
    for (Marks m : marks) {
      svg.append("<li><span class=\"ring s").append(m.tone()).append("\"></span>").append(Html.text(m.name()))
          .append("</li>");
    }
    svg.append("</ul>");
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
  static double niceStep(double raw) {
    if (raw <= 0 || Double.isNaN(raw)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** A round top for the y axis: five nice steps that reach {@code max}. */
  static double niceCeiling(double max) {
    double step = niceStep(max / TICKS);
    return Math.max(step, Math.ceil(max / step - 1e-9) * step);
  }

  private static String number(double v) {
    if (Math.abs(v) >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    String s = String.format(Locale.ROOT, Math.abs(v) >= 0.1 ? "%.2f" : "%.4f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** {@code 99.999%}, never rounded: two decimals would print 99.999 and 99.9999 as 100. */
  private static String percentile(double q) {
    return BigDecimal.valueOf(q).stripTrailingZeros().toPlainString() + "%";
  }
}

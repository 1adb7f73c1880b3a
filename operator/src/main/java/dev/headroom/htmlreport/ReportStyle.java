package dev.headroom.htmlreport;

/**
 * The report's only style: system fonts (nothing to fetch), and colours as variables that a dark
 * scheme swaps, chosen to stay apart for the common colour-vision deficiencies. The verdict's text
 * is dark on the dark scheme's light badges: white on them would be under 3:1.
 */
final class ReportStyle {

  static final String CSS = """
      :root { --bg: #ffffff; --fg: #1d232b; --muted: #5b6673; --grid: #e3e7ec; --frame: #8a95a3;
        --s1: #1f6fc5; --s2: #17a398; --s3: #d9822b; --s4: #c8313b; --s5: #6b4fbb;
        --pass: #1b7f3b; --fail: #c8313b; --panel: #f5f7f9; --on-verdict: #ffffff; }
      @media (prefers-color-scheme: dark) {
        :root { --bg: #14181d; --fg: #e6e9ed; --muted: #a3adb9; --grid: #2a313a; --frame: #6f7a87;
          --s1: #6aa9f0; --s2: #4fd1c5; --s3: #f0a65a; --s4: #f07178; --s5: #b39df0;
          --pass: #4cc27a; --fail: #f07178; --panel: #1c2128; --on-verdict: #0b0e11; }
      }
      * { box-sizing: border-box; }
      body { margin: 0 auto; max-width: 1600px; padding: 24px; background: var(--bg); color: var(--fg);
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      header { display: flex; gap: 20px; align-items: center; }
      h1 { margin: 0; font-size: 24px; }
      h2 { font-size: 18px; margin: 28px 0 8px; }
      .note { margin: -4px 0 8px; color: var(--muted); font-size: 13px; }
      .verdict { margin: 0; padding: 10px 18px; border-radius: 8px; font-weight: 700; font-size: 22px; color: var(--on-verdict); }
      .verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.none { background: var(--muted); }
      .summary { margin: 4px 0; font-size: 16px; } .when { margin: 0; color: var(--muted); font-size: 13px; }
      .figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0 0; }
      .figures div { background: var(--panel); border-radius: 8px; padding: 8px 14px; min-width: 130px; }
      dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
      dd { margin: 0; font-size: 20px; font-weight: 600; }
      figure.chart { margin: 0; background: var(--panel); border-radius: 8px; padding: 10px 12px; }
      figcaption { font-weight: 600; margin-bottom: 4px; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; margin-top: 24px; }
      svg { width: 100%; height: auto; display: block; }
      svg text { fill: var(--muted); font-size: 12px; } svg .unit { fill: var(--fg); }
      .grid { stroke: var(--grid); } .frame, .tick { stroke: var(--frame); }
      path.line { fill: none; stroke-width: 2; stroke-linejoin: round; } .dashed { stroke-dasharray: 6 4; }
      .rule { stroke: var(--frame); stroke-dasharray: 3 3; } .rule.limit { stroke: var(--s4); stroke-dasharray: 8 4; }
      .rule-label { font-size: 11px; paint-order: stroke; stroke: var(--panel); stroke-width: 4px; stroke-linejoin: round; }
      .s1 { stroke: var(--s1); } .s2 { stroke: var(--s2); } .s3 { stroke: var(--s3); }
      .s4 { stroke: var(--s4); } .s5 { stroke: var(--s5); }
      circle.dot { stroke-width: 2; fill: var(--panel); }
      circle.mark { stroke-width: 2; fill: none; } a circle.mark { cursor: pointer; }
      .ring { display: inline-block; width: 10px; height: 10px; border: 2px solid; border-radius: 50%; margin-right: 6px;
        vertical-align: middle; } .ring.s4 { border-color: var(--s4); } .ring.s5 { border-color: var(--s5); }
      code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
      a { color: var(--s1); }
      .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 16px; padding: 0; margin: 6px 0 0; font-size: 13px; }
      .key { display: inline-block; width: 22px; height: 0; border-top: 3px solid; margin-right: 6px; vertical-align: middle; }
      .key.s1 { border-color: var(--s1); } .key.s2 { border-color: var(--s2); } .key.s3 { border-color: var(--s3); }
      .key.s4 { border-color: var(--s4); } .key.s5 { border-color: var(--s5); } .key.dashed { border-top-style: dashed; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
      th, td { text-align: right; padding: 5px 10px; border-bottom: 1px solid var(--grid); }
      th:first-child, td:first-child { text-align: left; }
      th { color: var(--muted); font-weight: 600; font-size: 13px; }
      footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
      """;

  private ReportStyle() {}
}

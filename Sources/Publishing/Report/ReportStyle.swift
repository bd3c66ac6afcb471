/// The report's style sheet, inline so the page needs nothing else. Text and lines keep at least
/// 4.5:1 contrast; print gets its own layout so the report reads on paper too.
enum ReportStyle {
    static let css: HTML = """
        :root { --ink: #0b0c0c; --muted: #505a5f; --rule: #b1b4b6; --panel: #f3f2f1; --accent: #1d70b8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }
        .skip { position: absolute; left: -9999px; }
        .skip:focus { left: 8px; top: 8px; background: #fd0; padding: 4px 8px; }
        .masthead { background: #0b0c0c; color: #fff; padding: 24px max(24px, calc((100% - 1200px) / 2)); }
        .masthead h1 { margin: 4px 0 8px; font-size: 2rem; line-height: 1.2; }
        .kicker { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; color: #dcdcdc; }
        .lede { margin: 0; max-width: 60em; color: #f3f2f1; }
        .masthead code { color: #fff; }
        nav { border-bottom: 1px solid var(--rule); padding: 8px max(24px, calc((100% - 1200px) / 2)); }
        .contents { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 20px; }
        a { color: var(--accent); }
        a:focus { outline: 3px solid #fd0; }
        main, footer { max-width: 1248px; margin: 0 auto; padding: 0 24px; }
        section { margin: 32px 0; }
        h2 { font-size: 1.5rem; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin: 0 0 12px; }
        h3 { font-size: 1.15rem; margin: 24px 0 8px; }
        p { max-width: 60em; }
        code { font-size: .9em; }
        .cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
        .card { background: var(--panel); border-top: 5px solid var(--accent); padding: 12px 16px; }
        .card p { margin: 0 0 6px; }
        .card .figure { font-size: 2.2rem; font-weight: 700; line-height: 1.1; }
        .card .card-text { font-weight: 600; }
        .card .detail { color: var(--muted); font-size: .9rem; }
        .pair { display: block; margin-top: 6px; max-width: 100%; }
        .legend { list-style: none; padding: 0; margin: 8px 0 4px; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: .9rem; }
        .legend li { display: flex; align-items: center; gap: 6px; }
        .chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 16px; }
        .chart-card { margin: 0; padding: 8px 10px; border: 1px solid var(--rule); break-inside: avoid; }
        .chart-card figcaption { font-weight: 600; margin-bottom: 4px; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); dominant-baseline: middle; }
        svg.chart .symbol { font-style: italic; fill: var(--muted); }
        svg.chart .axis { stroke: var(--ink); stroke-width: 1; }
        svg.chart .grid { stroke: #dedede; stroke-width: 1; }
        .table-wrap { overflow-x: auto; }
        table.data { border-collapse: collapse; margin: 8px 0 16px; font-size: .9rem; font-variant-numeric: tabular-nums; }
        table.data caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
        table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
        table.data thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
        table.data .num { text-align: right; }
        table.data th.rowgroup { background: var(--panel); }
        table.compact { font-size: .8rem; margin: 6px 0 0; width: 100%; }
        table.compact th, table.compact td { padding: 2px 6px; }
        .unit { display: block; font-weight: 400; color: var(--muted); font-size: .85em; }
        abbr.symbol { text-decoration: none; font-style: italic; color: var(--muted); }
        .none { color: var(--muted); }
        dl.symbols { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: .9rem; }
        dl.symbols dt { font-weight: 700; }
        dl.definitions dt, dl.provenance dt { font-weight: 600; margin-top: 8px; }
        dl.definitions dd, dl.provenance dd { margin-left: 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        footer { border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; padding-bottom: 24px; }
        @media print {
          @page { size: A4; margin: 14mm; }
          body { font-size: 10pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .skip, nav { display: none; }
          .masthead { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
          .masthead .lede, .kicker, .masthead code { color: var(--ink); }
          main, footer { max-width: none; padding: 0; }
          section { break-before: page; margin: 0; }
          #headlines, #measures { break-before: auto; }
          h2, h3 { break-after: avoid; }
          .chart-grid { grid-template-columns: 1fr 1fr; }
          .chart-card, .card, tr { break-inside: avoid; }
          .table-wrap { overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }
        """
}

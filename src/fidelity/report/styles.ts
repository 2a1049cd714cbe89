/** The page's only stylesheet, inline: system fonts, no external resource. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --del: #ffd7d5; --ins: #ccffd8; --delw: #ff8182b0; --insw: #2da44e70; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1280px; }
h1 { font-size: 1.6em; margin: 0 0 .2em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid var(--line); } h3 { font-size: 1.05em; }
.muted, caption { color: var(--muted); }
table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .92em; }
caption { text-align: left; padding: .3em 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: .25em .5em; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f6f8fa; }
.chart-figure { margin: .5em 0 1em; overflow-x: auto; }
.chart { display: block; max-width: none; }
.chart .grid { stroke: #eaeef2; } .chart .tick, .chart .group-label, .chart .axis-label, .chart .missing { font-size: 11px; fill: var(--muted); }
.chart .line { stroke-width: 2; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1.2em; font-size: .9em; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; border-radius: 2px; }
.drift-grid { display: flex; flex-wrap: wrap; gap: 1em; }
.drift-grid figure { margin: 0; } .drift-grid figcaption { font-weight: 600; }
.worst { border: 1px solid var(--line); border-radius: 6px; padding: .5em 1em; margin: 1em 0; }
table.diff { width: 100%; table-layout: fixed; font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table.diff caption { font-family: system-ui, sans-serif; }
table.diff thead th { text-align: left; }
table.diff { tab-size: 2; }
table.diff tr.folded td, table.diff tr.more td { text-align: center; color: var(--muted); background: #f6f8fa; font-style: italic; }
table.diff th:nth-child(odd), table.diff td.ln { width: 3.5em; color: var(--muted); text-align: right; }
table.diff td.truth, table.diff td.prediction { text-align: left; white-space: pre-wrap; word-break: break-all; }
table.diff tr.changed td.truth, table.diff tr.removed td.truth { background: var(--del); }
table.diff tr.changed td.prediction, table.diff tr.added td.prediction { background: var(--ins); }
table.diff td.empty { background: #f6f8fa; }
table.diff del { background: var(--delw); text-decoration: line-through; } table.diff ins { background: var(--insw); text-decoration: none; }
table.diff tr.same del, table.diff tr.same ins { background: none; }
pre.json { background: #f6f8fa; padding: .5em; overflow-x: auto; font-size: .85em; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; } dl.manifest dt { font-weight: 600; } dl.manifest dd { margin: 0; }
td .ci { color: var(--muted); font-size: .85em; white-space: nowrap; }
.notes { color: var(--muted); font-size: .9em; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
`;

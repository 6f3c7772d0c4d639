/**
 * The page's only style, inline: system fonts (nothing to load), a 1280 px column, contrast of at least 4.5:1
 * for text, and print rules that keep each chart on one page.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 6px; border-bottom: 1px solid #d0d0d0; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 8px; overflow-wrap: anywhere; }
.meta { color: #444; margin: 0; }
.intro { color: #333; margin: 4px 0 12px; max-width: 80ch; }
.absent { border: 1px dashed #8a8a8a; border-radius: 6px; padding: 14px 16px; color: #333; background: #f7f7f7; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
.team { border: 1px solid #c8c8c8; border-radius: 8px; padding: 12px 14px; break-inside: avoid; }
.team dl { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 12px; margin: 0; }
.figure dt { font-size: 13px; color: #444; }
.figure dd { margin: 0; }
.figure .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .change { font-size: 12px; color: #444; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 14px 4px 0; border-bottom: 1px solid #e2e2e2; }
footer { margin-top: 40px; }
dl.definitions dt { font-weight: 600; margin-top: 8px; }
dl.definitions dd { margin: 0 0 0 0; max-width: 90ch; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  figure, .team, tr { break-inside: avoid; }
  .tiles { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  h2 { break-after: avoid; }
}
`;

import { escapeHtml } from '../alerts/channels/escape-html.ts';

/**
 * Small inline SVG charts for reports: no script, no external font or image, every label escaped, so the
 * HTML prints the same in Chromium's PDF and in a mail client.
 */

const font = "font-family=\"'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif\"";

/** A round step (1, 2 or 5 × 10ⁿ, at least 1: counts are whole) such that four steps reach `maximum`. */
function niceStep(maximum: number): number {
  const raw = Math.max(1, maximum / 4);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((step) => step * magnitude >= raw) ?? 10) * magnitude;
}

/** Approximate width in px of a label at 12px: CJK and full-width characters are about twice as wide as ASCII. */
function labelWidthPx(text: string): number {
  return [...text].reduce((sum, char) => sum + (/[\u1100-\uffff]/.test(char) ? 12 : 6.6), 0);
}

/** The label cut with an ellipsis to fit `maxPx`. */
function fitLabel(text: string, maxPx: number): string {
  if (labelWidthPx(text) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 0 && labelWidthPx(`${chars.join('')}…`) > maxPx) chars.pop();
  return `${chars.join('')}…`;
}

export interface ChartSeries { name: string; color: string; values: number[] }

/** Vertical stacked bars, one per category (e.g. day), with a legend and a y axis of four ticks. */
export function stackedBarChart(options: { categories: string[]; series: ChartSeries[]; width?: number; height?: number; ariaLabel: string }): string {
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  const margin = { top: 30, right: 12, bottom: 42, left: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const totals = options.categories.map((_, index) => options.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0));
  const step = niceStep(Math.max(0, ...totals));
  const maximum = step * 4;
  const slot = plotWidth / Math.max(1, options.categories.length);
  const barWidth = Math.max(2, Math.min(48, slot * 0.64));
  const y = (value: number) => margin.top + plotHeight - (value / maximum) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = step * tick;
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#eaecf0"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#667085">${value}</text>`);
  }
  const labelEvery = Math.ceil(options.categories.length / 14);
  options.categories.forEach((category, index) => {
    const x = margin.left + slot * index + (slot - barWidth) / 2;
    let base = 0;
    for (const series of options.series) {
      const value = series.values[index] ?? 0;
      if (value > 0) {
        parts.push(`<rect x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${series.color}"><title>${escapeHtml(`${category} ${series.name}：${value}`)}</title></rect>`);
      }
      base += value;
    }
    if (index % labelEvery === 0) {
      parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11" fill="#475467">${escapeHtml(category)}</text>`);
    }
  });
  let legendX = margin.left;
  for (const series of options.series) {
    parts.push(`<rect x="${legendX}" y="8" width="10" height="10" fill="${series.color}"/><text x="${legendX + 14}" y="17" font-size="12" fill="#344054">${escapeHtml(series.name)}</text>`);
    legendX += 28 + labelWidthPx(series.name);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(options.ariaLabel)}" ${font}>${parts.join('')}</svg>`;
}

export interface BarRow { label: string; value: number; color?: string; note?: string }

/** Horizontal bars with the label on the left and the value (and an optional note) on the right. */
export function horizontalBarChart(options: { rows: BarRow[]; width?: number; ariaLabel: string; labelWidth?: number }): string {
  const width = options.width ?? 340;
  const rowHeight = 24;
  const labelWidth = options.labelWidth ?? 110;
  const valueWidth = 86;
  const barSpace = width - labelWidth - valueWidth;
  const maximum = Math.max(1, ...options.rows.map((row) => row.value));
  const height = Math.max(rowHeight, options.rows.length * rowHeight) + 4;
  const parts = options.rows.map((row, index) => {
    const top = index * rowHeight + 2;
    const barLength = (row.value / maximum) * barSpace;
    const label = fitLabel(row.label, labelWidth - 12);
    return `<text x="${labelWidth - 8}" y="${top + 15}" text-anchor="end" font-size="12" fill="#344054">${escapeHtml(label)}<title>${escapeHtml(row.label)}</title></text>`
      + `<rect x="${labelWidth}" y="${top + 4}" width="${Math.max(row.value > 0 ? 2 : 0, barLength).toFixed(1)}" height="14" rx="2" fill="${row.color ?? '#2e90fa'}"/>`
      + `<text x="${(labelWidth + barLength + 6).toFixed(1)}" y="${top + 15}" font-size="12" fill="#101828">${row.value}${row.note ? `（${escapeHtml(row.note)}）` : ''}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(options.ariaLabel)}" ${font}>${parts.join('')}</svg>`;
}

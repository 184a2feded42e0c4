/** Sparklines and the total-lag chart as inline SVG built with DOM APIs (attributes only, no style strings). */
import { neutralizeBidi } from '../../shared/bidi';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function points(values: readonly number[], width: number, height: number, pad: number): string {
  const max = Math.max(1, ...values);
  const n = values.length;
  return values
    .map((v, i) => {
      const x = n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1);
      const y = height - pad - (v / max) * (height - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** A small line of the values (oldest first). */
export function sparkline(values: readonly number[], label: string): SVGSVGElement {
  const width = 80;
  const height = 18;
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'spark', role: 'img' });
  const title = svgEl('title', {});
  title.textContent = neutralizeBidi(`${label}: ${values.join(', ')}`);
  svg.append(title);
  if (values.length > 1) svg.append(svgEl('polyline', { points: points(values, width, height, 2), class: 'line' }));
  else if (values.length === 1) {
    const [x, y] = points(values, width, height, 2).split(',');
    svg.append(svgEl('circle', { cx: x, cy: y, r: 2, class: 'dot' }));
  }
  return svg;
}

/** The group's total lag over time, with its maximum and time span labelled. */
export function totalLagChart(
  history: readonly { time: number; totalLag: number }[],
  what = `Total lag over the last ${history.length} refreshes`,
): SVGSVGElement {
  const width = 600;
  const height = 120;
  const pad = 6;
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart',
    role: 'img',
    preserveAspectRatio: 'none',
  });
  const values = history.map((h) => h.totalLag);
  const title = svgEl('title', {});
  title.textContent = what;
  svg.append(title);
  svg.append(svgEl('line', { x1: 0, y1: height - pad, x2: width, y2: height - pad, class: 'axis' }));
  if (values.length === 1) {
    const [x, y] = points(values, width, height, pad).split(',');
    svg.append(svgEl('circle', { cx: x, cy: y, r: 3, class: 'dot' }));
  } else if (values.length > 1) {
    const line = points(values, width, height, pad);
    svg.append(
      svgEl('polygon', { points: `${pad},${height - pad} ${line} ${width - pad},${height - pad}`, class: 'area' }),
    );
    svg.append(svgEl('polyline', { points: line, class: 'line' }));
    const max = svgEl('text', { x: pad + 2, y: pad + 10, class: 'chart-label' });
    max.textContent = `max ${Math.max(...values).toLocaleString('en-US')}`;
    svg.append(max);
  }
  return svg;
}

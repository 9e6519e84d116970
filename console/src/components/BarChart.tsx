/**
 * A bar chart with uPlot (canvas; no hand-drawn SVG): one bar per category, with the
 * figures also in a table beside it for screen readers and copying.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ title, bars, format }: { title: string; bars: Bar[]; format: (n: number) => string }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element || bars.length === 0) return;
    const width = Math.max(280, Math.min(720, element.clientWidth || 600));
    const chart = new uPlot(
      {
        width,
        height: 240,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, bars.length - 0.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => bars[t]?.label ?? ''), splits: () => bars.map((_, i) => i), grid: { show: false } },
          { values: (_u, ticks) => ticks.map((t) => format(t)), size: 80 },
        ],
        series: [
          {},
          { label: title, fill: '#2f6fb0', stroke: '#1d4f82', paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } },
        ],
      },
      [bars.map((_, i) => i), bars.map((b) => b.value)],
      element,
    );
    return () => chart.destroy();
  }, [bars, title, format]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={holder} class="chart-canvas" aria-hidden="true" />
      <table class="chart-data">
        <caption class="visually-hidden">{title}</caption>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{format(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

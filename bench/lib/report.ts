/** Tables on stdout, JSON results in bench/results/, and what machine measured them. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { benchEnv, type BenchEnv } from './env';
import { ROOT } from './procs';

export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  commit: string;
}

export function machine(): Machine {
  let cpu = 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    // not a clone
  }
  return { nproc: availableParallelism(), cpu, node: process.version, commit };
}

export type Cell = string | number;

function format(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return '–';
  return Number.isInteger(cell) ? String(cell) : cell >= 100 ? cell.toFixed(0) : cell >= 10 ? cell.toFixed(1) : cell.toFixed(2);
}

/** A Markdown table (readable as is on a terminal, pasteable into the README). */
export function printTable(title: string, columns: readonly string[], rows: readonly Cell[][]): void {
  const text = rows.map((row) => row.map(format));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(columns));
  console.log(`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const row of text) console.log(line(row));
}

/** Write `bench/results/<scenario>-<time>.json` and `<scenario>-latest.json`; returns the first. */
export function writeResults(scenario: string, results: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `${scenario}-${stamp}.json`);
  const text = `${JSON.stringify({ scenario, at: new Date().toISOString(), machine: machine(), ...(results as object) }, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(join(RESULTS_DIR, `${scenario}-latest.json`), text);
  return file;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type NumberKnob = { [K in keyof BenchEnv]-?: BenchEnv[K] extends number | undefined ? K : never }[keyof BenchEnv];

/** A number knob (BENCH_DURATION etc., see bench/lib/env.ts), `fallback` when unset, at most `max`. */
export function envNumber(name: NumberKnob, fallback: number, max: number): number {
  return Math.min(benchEnv()[name] ?? fallback, max);
}

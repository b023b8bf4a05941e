/**
 * The bench's results: one JSON document (bench/results.json) and its Markdown rendering
 * (bench/results.md). A figure is either measured (samples summarised, or one value) or
 * "not available" with the reason; never a placeholder number.
 */
import type { MachineDescription } from './machine';
import { type Summary, summarize } from './stats';

export interface Target {
  /** The figure is compared with `value` by `op`: `<=` (at most), `>=` (at least) or `==`. */
  op: '<=' | '>=' | '==';
  value: number;
  /** Which statistic is compared: a figure's median, p95, max, or its single value. */
  on: 'median' | 'p95' | 'max' | 'value';
}

export interface FigureBase {
  id: string;
  label: string;
  unit: string;
  target?: Target;
  notes?: string;
}

export type Figure = FigureBase &
  (
    | { status: 'measured'; samples: number[]; summary: Summary; met: boolean | null }
    | { status: 'measured'; value: number; met: boolean | null }
    | { status: 'not-available'; reason: string }
  );

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
  notes: string[];
}

export interface BenchResults {
  generatedAt: string;
  mode: 'full' | 'quick';
  commit: string | null;
  machine: MachineDescription;
  /** 1-minute load average when the bench ended. */
  loadAtEnd: number;
  durationSeconds: number;
  parameters: Record<string, unknown>;
  sections: Section[];
  findings: string[];
}

function compare(x: number, target: Target): boolean {
  if (target.op === '<=') return x <= target.value;
  if (target.op === '>=') return x >= target.value;
  return x === target.value;
}

export function measuredSamples(base: FigureBase, samples: number[]): Figure {
  const summary = summarize(samples);
  const { target } = base;
  const met = target ? compare(target.on === 'value' ? summary.median : summary[target.on], target) : null;
  return { ...base, status: 'measured', samples, summary, met };
}

export function measuredValue(base: FigureBase, value: number): Figure {
  if (!Number.isFinite(value)) throw new Error(`${base.id}: ${value} is not a finite number`);
  const met = base.target ? compare(value, base.target) : null;
  return { ...base, status: 'measured', value, met };
}

export function notAvailable(base: FigureBase, reason: string): Figure {
  return { ...base, status: 'not-available', reason };
}

function formatNumber(x: number, unit: string): string {
  if (unit === 'bytes') return `${(x / 1024).toFixed(1)} KB`;
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  const text = x.toFixed(digits);
  return unit === 'ratio' || unit === 'count' ? text : `${text} ${unit}`;
}

function targetText(target: Target, unit: string): string {
  const on = target.on === 'value' ? '' : `${target.on} `;
  return `${on}${target.op} ${formatNumber(target.value, unit)}`;
}

function figureRow(f: Figure): string {
  const target = f.target ? targetText(f.target, f.unit) : '';
  if (f.status === 'not-available') return `| ${f.label} | not available: ${f.reason} | | ${target} | |`;
  const verdict = f.met === null ? '' : f.met ? 'met' : '**missed**';
  if ('summary' in f) {
    const s = f.summary;
    const spread = `${formatNumber(s.min, f.unit)} – ${formatNumber(s.max, f.unit)} (IQR ${formatNumber(s.q1, f.unit)} – ${formatNumber(s.q3, f.unit)}), p95 ${formatNumber(s.p95, f.unit)}, n = ${s.n}`;
    return `| ${f.label} | ${formatNumber(s.median, f.unit)} | ${spread} | ${target} | ${verdict} |`;
  }
  return `| ${f.label} | ${formatNumber(f.value, f.unit)} | single value | ${target} | ${verdict} |`;
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines = [
    '# Detour benchmark results',
    '',
    `Generated ${r.generatedAt} by \`npm run bench${r.mode === 'quick' ? ' -- --quick' : ''}\`` +
      `${r.commit ? ` at commit \`${r.commit.slice(0, 10)}\`` : ''}` +
      (r.mode === 'quick' ? ' (quick smoke run: small sizes, too few runs to judge targets).' : '.'),
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB memory, ` +
      `${m.os}; ${m.chromium}; Node ${m.node}. 1-minute load average ${m.loadAtStart.toFixed(1)} at the start and ` +
      `${r.loadAtEnd.toFixed(1)} at the end (above ${m.cores} means other work competed for the cores); the run took ${Math.round(r.durationSeconds / 60)} min.`,
    '',
    'Medians with their spread over repeated runs; ratios are measured pairwise in one run with the arms interleaved, so the machine’s drift cancels.',
    '',
    `Parameters: ${Object.entries(r.parameters)
      .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join('/') : String(v)}`)
      .join(', ')}.`,
  ];
  for (const section of r.sections) {
    lines.push(
      '',
      `## ${section.title}`,
      '',
      '| figure | median / value | spread | target | |',
      '|---|---|---|---|---|',
    );
    for (const f of section.figures) lines.push(figureRow(f));
    const notes = [
      ...section.notes,
      ...section.figures.filter((f) => f.notes).map((f) => `${f.label}: ${f.notes}`),
    ];
    if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`));
  }
  if (r.findings.length > 0) lines.push('', '## Findings', '', ...r.findings.map((f) => `- ${f}`));
  return `${lines.join('\n')}\n`;
}

/**
 * `npm run bench:engine`: how long classifyObservation takes on a 1 MB page and a 10 KB API
 * error body. Not a test (timings vary with the machine's load); run it and read the table.
 *
 * The page text is built from the reference signatures' look-alikes (news, docs, source code,
 * other services' errors, in English, Chinese and Russian) repeated to 1 MB, with Gemini's block
 * banner at the very end, so the whole body must be read and near-misses are everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInRules, classifyObservation } from '../core/detection/index';
import type { Observation } from '../core/detection/observation';

const ROOT = join(import.meta.dirname, '..');
const signatures = JSON.parse(
  readFileSync(join(ROOT, 'reference', 'block-signatures.json'), 'utf8'),
) as Array<{
  expect: string;
  lang: string;
  body: string;
}>;
const MB = 1024 * 1024;
const RUNS = 41;

function fill(parts: string[], size: number, tail: string): string {
  let text = '';
  for (let index = 0; text.length < size - tail.length; index++) text += `${parts[index % parts.length]}\n`;
  return text.slice(0, size - tail.length) + tail;
}

const lookAlikes = signatures
  .filter((signature) => signature.expect === 'clean')
  .map((signature) => signature.body);
const englishLookAlikes = signatures
  .filter((signature) => signature.expect === 'clean' && signature.lang === 'en')
  .map((signature) => signature.body.replace(/[^\x20-\x7e\n]/g, ' '));
const banner = 'Gemini isn’t currently supported in your country. Stay tuned!';
const errorPadding = lookAlikes.filter((body) => body.startsWith('{'));
// Pasted text is read for strong signatures only; keep the padding free of them.
const textPadding = lookAlikes.filter(
  (body) => classifyObservation({ kind: 'text', body }).verdict === 'clean',
);

const cases: Array<{ name: string; observation: Observation }> = [
  {
    name: '1 MB mixed page text (en/zh/ru), banner at the end',
    observation: { kind: 'page', url: 'https://gemini.google.com/app', body: fill(lookAlikes, MB, banner) },
  },
  {
    name: '1 MB English page text, banner at the end',
    observation: {
      kind: 'page',
      url: 'https://gemini.google.com/app',
      body: fill(englishLookAlikes, MB, banner),
    },
  },
  {
    name: '1 MB mixed page text, no banner (clean)',
    observation: { kind: 'page', url: 'https://gemini.google.com/app', body: fill(lookAlikes, MB, '') },
  },
  {
    name: '10 KB API error body (OpenAI 403 at the end)',
    observation: {
      url: 'https://api.openai.com/v1/chat/completions',
      status: 403,
      body: `{"log":${JSON.stringify(fill(errorPadding, 10 * 1024 - 200, ''))},"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}`,
    },
  },
  {
    name: '10 KB pasted log (text), Anthropic JSON at the end',
    observation: {
      kind: 'text',
      body: fill(
        textPadding,
        10 * 1024,
        ' API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}',
      ),
    },
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const compileStart = performance.now();
for (const kind of ['page', 'response', 'text', 'navigation'] as const) builtInRules().matcher(kind);
const compileMs = performance.now() - compileStart;

const rows: string[][] = [];
for (const { name, observation } of cases) {
  for (let warm = 0; warm < 5; warm++) classifyObservation(observation);
  const times: number[] = [];
  let verdict = '';
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = classifyObservation(observation);
    times.push(performance.now() - start);
    verdict = `${result.verdict}${result.ruleId ? ` (${result.ruleId})` : ''}`;
  }
  times.sort((a, b) => a - b);
  const size = `${((observation.body?.length ?? 0) / 1024).toFixed(0)} K chars`;
  rows.push([
    name,
    size,
    percentile(times, 0.5).toFixed(2),
    percentile(times, 0.1).toFixed(2),
    percentile(times, 0.9).toFixed(2),
    verdict,
  ]);
}

// The floor on this machine right now: a loop that only reads each character of 1 MB once.
const floorText = (cases[0] as { observation: Observation }).observation.body as string;
const floorTimes: number[] = [];
let checksum = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  for (let index = 0; index < floorText.length; index++) checksum += floorText.charCodeAt(index) & 1;
  floorTimes.push(performance.now() - start);
}
floorTimes.sort((a, b) => a - b);
rows.push([
  'reference: read 1 MB char by char, nothing else',
  '1024 K chars',
  percentile(floorTimes, 0.5).toFixed(2),
  percentile(floorTimes, 0.1).toFixed(2),
  percentile(floorTimes, 0.9).toFixed(2),
  `(checksum ${checksum % 10})`,
]);

const header = ['case', 'size', 'median ms', 'p10 ms', 'p90 ms', 'verdict'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
);
const line = (cells: string[]) =>
  `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
console.log(`Detour engine benchmark: ${RUNS} runs per case, Node ${process.version}`);
console.log(`Rules compiled for all kinds in ${compileMs.toFixed(1)} ms (once per process).\n`);
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(row));

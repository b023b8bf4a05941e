/**
 * Keeps `npm run bench` from rotting: the quick run (small sizes, each measurement once) must
 * finish and write a results JSON in which every figure of the seven measurements is a number.
 * Benchmarks are not tests: nothing here compares a time with a target.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/e2e/browsers';
import type { BenchResults, Figure } from './report';

const SECTIONS = ['streaming', 'banner', 'popup', 'burst', 'engine', 'sizes', 'storage'];

function numbersOf(f: Figure): number[] {
  if (f.status !== 'measured') return [];
  return 'summary' in f ? [...f.samples, ...Object.values(f.summary)] : [f.value];
}

describe('npm run bench -- --quick', () => {
  const out = mkdtempSync(join(tmpdir(), 'detour-bench-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('completes and writes every figure as a number', { timeout: 600_000 }, async () => {
    const { stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'bench', 'run.ts'), '--quick', '--out', out],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `the quick bench failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      );
    });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('# Detour benchmark results');

    expect(results.mode).toBe('quick');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.chromium).toMatch(/^Chromium \d+\./);
    expect(results.sections.map((s) => s.id)).toEqual(SECTIONS);
    const unavailable = results.sections
      .flatMap((s) => s.figures)
      .filter((f) => f.status !== 'measured')
      .map((f) => `${f.id}: ${'reason' in f ? f.reason : ''}`);
    expect(unavailable, stderr).toEqual([]);
    for (const section of results.sections) {
      expect(section.figures.length, section.id).toBeGreaterThan(0);
      for (const figure of section.figures) {
        const numbers = numbersOf(figure);
        expect(numbers.length, figure.id).toBeGreaterThan(0);
        for (const x of numbers) expect(Number.isFinite(x), `${figure.id}: ${x}`).toBe(true);
      }
    }
    // The figures the issue names, by id.
    const ids = new Set(results.sections.flatMap((s) => s.figures.map((f) => f.id)));
    for (const id of [
      'stream.taskRatio',
      'stream.scriptRatio',
      'stream.detourSelf',
      'banner.latency',
      'banner.latencyOutside',
      'banner.caught',
      'popup.firstContent',
      'burst.counted',
      'burst.settledMs',
      'engine.page1mb.clean',
      'engine.api10kb.block',
      'size.contentScripts.gzip',
      'size.popup.gzip',
      'size.background.gzip',
      'storage.bytes',
      'storage.appendGrowth',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

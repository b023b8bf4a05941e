import { describe, expect, it } from 'vitest';
import { selfTimeMs } from './cpu-profile';
import { matchPatternRegExp } from './env';
import { staticGraphFromFiles } from './measure-sizes';
import { measuredSamples, measuredValue } from './report';
import { pairedRatios, seededRandom, summarize } from './stats';

describe('summarize', () => {
  it('gives median, quartiles, nearest-rank p95 and range', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, median: 3, min: 1, max: 5, q1: 2, q3: 4, p95: 5 });
    expect(summarize([1, 2, 3, 4]).median).toBe(2.5);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(summarize(twenty).p95).toBe(19);
  });
  it('refuses no samples and non-numbers', () => {
    expect(() => summarize([])).toThrow(/no samples/);
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
  });
});

describe('pairedRatios', () => {
  it('divides round by round', () => {
    expect(pairedRatios([110, 90], [100, 100])).toEqual([1.1, 0.9]);
  });
  it('refuses arms of different lengths and empty bases', () => {
    expect(() => pairedRatios([1], [1, 2])).toThrow(/rounds/);
    expect(() => pairedRatios([1], [0])).toThrow(/base round 0/);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('selfTimeMs', () => {
  it('adds the time of samples whose frame URL has the prefix', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { url: '', functionName: '(root)' } },
        { id: 2, callFrame: { url: 'https://chatgpt.com/bench/stream.js', functionName: 'tick' } },
        { id: 3, callFrame: { url: 'chrome-extension://abc/content-scripts/x.js', functionName: 'scan' } },
      ],
      startTime: 0,
      endTime: 1000,
      samples: [2, 3, 3, 2, 3],
      // Sample i happens at the sum of deltas up to i: 100, 300, 600, 700, 900 µs.
      timeDeltas: [100, 200, 300, 100, 200],
    };
    // Samples of node 3 last 300 (300→600), 100 (600→700) and 100 (900→end) µs.
    expect(selfTimeMs(profile, 'chrome-extension://')).toBeCloseTo(0.5, 6);
    expect(selfTimeMs(profile, 'chrome-extension://other/')).toBe(0);
  });
});

describe('matchPatternRegExp', () => {
  it('matches hosts, subdomains and paths like Chrome', () => {
    expect(matchPatternRegExp('https://chatgpt.com/*').test('https://chatgpt.com/')).toBe(true);
    expect(matchPatternRegExp('https://*.google.com/*').test('https://gemini.google.com/app')).toBe(true);
    expect(matchPatternRegExp('https://*.google.com/*').test('https://google.com/')).toBe(true);
    expect(matchPatternRegExp('https://chatgpt.com/*').test('https://chatgpt.com.evil.test/')).toBe(false);
    expect(matchPatternRegExp('https://claude.ai/chat/*').test('https://claude.ai/')).toBe(false);
    expect(() => matchPatternRegExp('chatgpt.com')).toThrow(/not a match pattern/);
  });
});

describe('figures', () => {
  it('judges the target on the named statistic', () => {
    const target = { op: '<=' as const, value: 100, on: 'p95' as const };
    const f = measuredSamples({ id: 'x', label: 'x', unit: 'ms', target }, [10, 20, 120]);
    expect(f.status === 'measured' && f.met).toBe(false);
    const g = measuredValue({ id: 'y', label: 'y', unit: 'bytes', target: { ...target, on: 'value' } }, 99);
    expect(g.status === 'measured' && g.met).toBe(true);
    expect(() => measuredValue({ id: 'z', label: 'z', unit: 'ms' }, Number.NaN)).toThrow(/finite/);
  });
});

describe('staticGraphFromFiles', () => {
  it('follows script tags and static imports, not dynamic ones', () => {
    const files: Record<string, string> = {
      'popup.html':
        '<script type="module" src="/chunks/popup.js"></script><link rel="stylesheet" href="/assets/popup.css">',
      'chunks/popup.js': 'import{a}from"./shared.js";import"./side.js";const l=()=>import("./lazy.js");',
      'chunks/shared.js': 'export const a=1;',
      'chunks/side.js': '',
      'chunks/lazy.js': '',
      'assets/popup.css': '',
    };
    expect(staticGraphFromFiles((f) => files[f] as string, 'popup.html').sort()).toEqual(
      ['assets/popup.css', 'chunks/popup.js', 'chunks/shared.js', 'chunks/side.js', 'popup.html'].sort(),
    );
  });
});

/** Term lists as patterns: a long list split into parts reads as one pattern would. */
import { describe, expect, it } from 'vitest';
import { loadRecogniserData } from './data';
import { compiledBuiltIn } from './tables';
import { byLanguage, hits, PATTERN_PART_CHARS, termSet } from './terms';

/** V8's RegExp::kRegExpTooLargeToOptimize: past it, a pattern is no longer optimised. */
const V8_OPTIMISED_SOURCE_CHARS = 20 * 1024;

function patternsOf(value: unknown, depth = 0): RegExp[] {
  if (value instanceof RegExp) return [value];
  if (depth > 3 || value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap((inner) => patternsOf(inner, depth + 1));
}

describe('term patterns', () => {
  const data = loadRecogniserData();
  const samples = data.languages.flatMap((language) => [
    ...language.samples.refusal,
    ...language.samples.lookAlike,
  ]);

  it('keeps every built-in pattern small enough for the browsers to optimise', () => {
    const { data: _data, ...tables } = compiledBuiltIn();
    const patterns = patternsOf(tables);
    expect(patterns.length).toBeGreaterThan(20);
    const large = patterns.filter((pattern) => pattern.source.length > PATTERN_PART_CHARS);
    expect(large.map((pattern) => pattern.source.slice(0, 60))).toEqual([]);
    expect(PATTERN_PART_CHARS).toBeLessThan(V8_OPTIMISED_SOURCE_CHARS);
  });

  it('splits a long list into parts that find what one pattern finds', () => {
    const entries = byLanguage(data.languages, (language) => language.unavailable);
    const whole = termSet(entries, Number.POSITIVE_INFINITY);
    const split = termSet(entries, 600);
    expect(whole.parts).toHaveLength(1);
    expect(split.parts.length).toBeGreaterThan(10);
    const found = samples.map((sample) => hits(whole, sample.toLowerCase()));
    expect(found.flat().length).toBeGreaterThan(samples.length / 2);
    samples.forEach((sample, index) => {
      expect(hits(split, sample.toLowerCase()), sample).toEqual(found[index]);
    });
  });

  it('prefers, where two parts match at the same place, the earlier part’s longer term', () => {
    const set = termSet(
      [
        { term: 'not available in', lang: 'en' },
        { term: 'not available', lang: 'en' },
      ],
      10,
    );
    expect(set.parts).toHaveLength(2);
    expect(hits(set, 'it is not available in your region').map((hit) => hit.term)).toEqual([
      'not available in',
    ]);
    expect(hits(set, 'not available, not available in').map((hit) => [hit.term, hit.start])).toEqual([
      ['not available', 0],
      ['not available in', 15],
    ]);
  });

  it('finds nothing with an empty list', () => {
    expect(hits(termSet([]), 'not available in your region')).toEqual([]);
  });
});

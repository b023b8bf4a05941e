import { describe, expect, it } from 'vitest';
import { compileKeywords, normaliseKeyword } from './keyword-automaton';

const found = (keywords: string[], text: string, limit?: number) => {
  const automaton = compileKeywords(keywords);
  const scan = automaton.scan(text, limit);
  return keywords.filter((_, index) => (scan.firstEnd[index] as number) >= 0);
};

describe('normaliseKeyword', () => {
  it('lower-cases, straightens quotes, collapses spaces and drops invisible characters', () => {
    expect(normaliseKeyword('  Gemini ISN’T\u200b  currently\n')).toBe("gemini isn't currently");
    expect(normaliseKeyword('“Quoted”')).toBe('"quoted"');
  });
});

describe('compileKeywords', () => {
  it('finds keywords whatever the case, quote style, entity or spacing', () => {
    const keywords = ["Gemini isn't currently supported in your country"];
    for (const text of [
      "GEMINI ISN'T CURRENTLY SUPPORTED IN YOUR COUNTRY",
      'Gemini isn’t currently supported in your country.',
      'Gemini isn&rsquo;t currently supported in your country.',
      'Gemini isn&#39;t currently\u00a0supported in\n\n   your country.',
      'Gemini isn\u2019t cur\u200brently supported in your country.',
      '<div>Gemini isn’t currently supported in your <b>country</b></div>',
      'Gemini isn’t currently supported in&nbsp;your country.',
    ]) {
      expect(found(keywords, text), text).toEqual(keywords);
    }
  });

  it('does not find near misses', () => {
    expect(found(['request not allowed'], 'Request is not allowed. Please try again later.')).toEqual([]);
    expect(found(['unable to load site'], 'Unable to load sites')).toEqual(['unable to load site']);
    expect(found(['app-unavailable-in-region'], 'app unavailable in region')).toEqual([]);
  });

  it('reports overlapping, nested and repeated keywords with their first end', () => {
    const keywords = ['unsupported_country', 'unsupported_country_region_territory', 'country', 'country'];
    const automaton = compileKeywords(keywords);
    const text = 'x unsupported_country_region_territory y country';
    const scan = automaton.scan(text);
    expect(scan.found).toBe(4);
    expect(scan.firstEnd[0]).toBe(text.indexOf('unsupported_country') + 'unsupported_country'.length);
    expect(scan.firstEnd[1]).toBe(text.indexOf(' y'));
    expect(scan.firstEnd[2]).toBe(scan.firstEnd[0]);
    expect(scan.firstEnd[3]).toBe(scan.firstEnd[2]);
  });

  it('reads Chinese and Cyrillic, and Cyrillic in any case', () => {
    expect(found(['该服务在你所在的地区不可用'], '提示：该服务在你所在的地区不可用。')).toHaveLength(1);
    expect(
      found(['не поддерживается в вашей стране'], 'Gemini НЕ ПОДДЕРЖИВАЕТСЯ В ВАШЕЙ СТРАНЕ'),
    ).toHaveLength(1);
  });

  it('stops at the limit', () => {
    const text = `${'a'.repeat(100)} needle`;
    expect(found(['needle'], text, 100)).toEqual([]);
    expect(found(['needle'], text)).toEqual(['needle']);
  });

  it('rejects an empty keyword', () => {
    expect(() => compileKeywords(['ok', ' \u200b '])).toThrow(/empty/);
  });
});

describe('skipping ahead', () => {
  /** The slow way: decode, drop tag names, normalise the whole text, then search. */
  function slowFind(keywords: string[], text: string): string[] {
    const decoded = text
      .replace(/&rsquo;/g, '’')
      .replace(/&nbsp;/g, ' ')
      .replace(/<[a-z0-9/!-]*/gi, ' ');
    const normal = ` ${normaliseKeyword(decoded)} `;
    return keywords.filter((keyword) => normal.includes(normaliseKeyword(keyword)));
  }

  it('finds exactly what a full normalising search finds, on random text around real phrases', () => {
    const keywords = [
      'Unable to load site',
      'using a VPN',
      "Gemini isn't currently supported in your country",
      'trade_restricted_country',
      '该服务在你所在的地区不可用',
      'не поддерживается в вашей стране',
      'AbraGeoBlockedError',
    ];
    const noise = [
      'the ',
      'quick ',
      'load ',
      'site ',
      '地区',
      'в ',
      'VPN ',
      'country ',
      'isn',
      '\u200b',
      '  ',
      '\n',
      'ab',
      'zz',
    ];
    const decorations = [(w: string) => w, (w: string) => w.toUpperCase(), (w: string) => `<b>${w}</b>`];
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const automaton = compileKeywords(keywords);
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let piece = 0; piece < 60; piece++) {
        if (random(12) === 0) {
          const keyword = keywords[random(keywords.length)] as string;
          const words = keyword
            .split(' ')
            .map((word) => (decorations[random(3)] as (w: string) => string)(word));
          text += `${words.join(random(4) === 0 ? '  ' : ' ').replace("'", random(2) ? '&rsquo;' : '’')} `;
        } else {
          text += noise[random(noise.length)];
        }
      }
      const scan = automaton.scan(text);
      const fast = keywords.filter((_, index) => (scan.firstEnd[index] as number) >= 0);
      expect(fast, text).toEqual(slowFind(keywords, text));
    }
  });
});

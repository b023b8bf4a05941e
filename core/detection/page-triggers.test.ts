import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../services';
import { builtInRules } from './index';
import { normaliseKeyword } from './keyword-automaton';
import { mightMatterForPage, PAGE_TRIGGERS } from './page-triggers';

/** Page rules that can fire on some page: their service has hosts, or they read any/known hosts. */
function pageRules() {
  const hosted = new Set(
    SERVICES.filter((service) =>
      service.products.some((product) => product.hosts.length > 0 || (product.hostPatterns ?? []).length > 0),
    ).map((service) => service.slug),
  );
  return builtInRules().rules.filter(
    (rule) => rule.kinds.includes('page') && (rule.hosts !== 'service' || hosted.has(rule.service)),
  );
}

const covered = (phrase: string) =>
  PAGE_TRIGGERS.some((trigger) => normaliseKeyword(phrase).includes(trigger));

describe('mightMatterForPage', () => {
  it('covers every phrase of every page rule', () => {
    const uncovered: string[] = [];
    for (const rule of pageRules()) {
      const phrases = [
        ...Object.values(rule.text ?? {}).flat(),
        ...(rule.json ?? []).flatMap((conditions) =>
          // A JSON alternative needs all its values; one covered value is enough.
          conditions.some((condition) => covered(String(condition.equals ?? condition.contains)))
            ? []
            : [String(conditions[0]?.equals ?? conditions[0]?.contains)],
        ),
      ];
      // alsoText phrases are all required, so one covered alsoText phrase covers the rule.
      if ((rule.alsoText ?? []).some(covered)) continue;
      for (const phrase of phrases) if (!covered(phrase)) uncovered.push(`${rule.id}: ${phrase}`);
    }
    expect(uncovered).toEqual([]);
  });

  it('is true for block banners in their page forms, false for ordinary text', () => {
    expect(mightMatterForPage('Gemini isn’t currently SUPPORTED in your country.')).toBe(true);
    expect(mightMatterForPage('Gemini НЕ ПОДДЕРЖИВАЕТСЯ в вашей стране')).toBe(true);
    expect(mightMatterForPage('该服务在你所在的地区不可用。')).toBe(true);
    expect(mightMatterForPage('Unable to load site. If you are using a VPN, try turning it off.')).toBe(true);
    expect(mightMatterForPage('Here is a recipe for pancakes with three eggs.')).toBe(false);
    expect(mightMatterForPage('')).toBe(false);
  });

  it('stays dependency-free and small', () => {
    const source = readFileSync(new URL('./page-triggers.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import /m);
    expect(gzipSync(source).length).toBeLessThan(1024);
  });
});

/**
 * WCAG AA for the colour pairs popup and options draw, in light and dark: read from the tokens
 * in components/theme.css, so a changed colour that breaks contrast fails here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(resolve(import.meta.dirname, '../../components/theme.css'), 'utf8');

function tokens(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1], m[2]]),
  );
}

const lightBlock = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const darkBlock = css.slice(darkStart, css.indexOf('}', css.indexOf(':root {', darkStart)));
const THEMES = { light: tokens(lightBlock), dark: { ...tokens(lightBlock), ...tokens(darkBlock) } };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** [foreground, background] token pairs as the stylesheet uses them for text. */
const TEXT_PAIRS: Array<[string, string]> = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent', 'accent-soft'],
  ['accent-text', 'accent'],
  ['danger', 'bg'],
  ['text', 'danger-soft'],
  ['muted', 'danger-soft'],
  ['accent', 'danger-soft'],
  ['text', 'warn-soft'],
  ['warn', 'warn-soft'],
  ['accent', 'warn-soft'],
  ['muted', 'warn-soft'],
  ['text', 'ok-soft'],
  ['ok', 'ok-soft'],
  ['muted', 'ok-soft'],
  ['accent', 'ok-soft'],
  ['text', 'accent-soft'],
  ['text', 'code-bg'],
  ['bg', 'danger'],
];

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  for (const [name, theme] of Object.entries(THEMES)) {
    it(`${name} theme`, () => {
      const failing = TEXT_PAIRS.filter(([fg, bg]) => {
        const f = theme[fg];
        const b = theme[bg];
        if (!f || !b) throw new Error(`token --${f ? bg : fg} missing in the ${name} theme`);
        return contrast(f, b) < 4.5;
      }).map(
        ([fg, bg]) => `${fg} on ${bg}: ${contrast(theme[fg] as string, theme[bg] as string).toFixed(2)}`,
      );
      expect(failing).toEqual([]);
    });
  }

  it('measures like WCAG: #777 on white is just under 4.5:1, black on white 21:1', () => {
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('reads both themes from the stylesheet', () => {
    expect(Object.keys(THEMES.light).length).toBeGreaterThan(10);
    expect(THEMES.dark.bg).not.toBe(THEMES.light.bg);
  });
});

import { describe, expect, it } from 'vitest';
import { cleanEvidence, originOf, stripUrl } from './sanitize';

describe('stripUrl', () => {
  it.each([
    ['https://chatgpt.com/c/abc?model=x&token=secret#part', 'https://chatgpt.com/c/abc'],
    [
      'https://user:pw@claude.ai:8443/app-unavailable-in-region?x=1',
      'https://claude.ai:8443/app-unavailable-in-region',
    ],
    ['https://aistudio.google.com', 'https://aistudio.google.com/'],
    ['not a url?secret=1#f', 'not a url'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
  ])('%s -> %s', (input, expected) => {
    expect(stripUrl(input)).toBe(expected);
  });

  it('bounds a huge path', () => {
    expect(stripUrl(`https://chatgpt.com/${'a'.repeat(100_000)}`).length).toBeLessThanOrEqual(1024);
  });
});

describe('originOf', () => {
  it('returns the origin of http(s) URLs only', () => {
    expect(originOf('https://chatgpt.com/c/1?x')).toBe('https://chatgpt.com');
    expect(originOf('file:///etc/passwd')).toBe('');
    expect(originOf(undefined)).toBe('');
    expect(originOf('garbage')).toBe('');
  });
});

describe('cleanEvidence', () => {
  it('removes markup, control, zero-width and bidi characters', () => {
    const raw = '<img src=x onerror=alert(1)>Unsupported\u200b\u202e country\u0000\u0007 <b>region</b>\ufeff';
    expect(cleanEvidence(raw)).toBe('Unsupported country region');
  });

  it('keeps Chinese text and caps at 300 characters without splitting a surrogate pair', () => {
    expect(cleanEvidence('该服务在您所在的地区不可用')).toBe('该服务在您所在的地区不可用');
    const emoji = '😀'.repeat(400);
    const out = cleanEvidence(emoji);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(out)).toBe(false);
  });

  it('handles a 1 MB string quickly', () => {
    const start = performance.now();
    const out = cleanEvidence(`${'<div>'.repeat(200_000)}x`);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

import { describe, expect, it } from 'vitest';
import { fillNamed, pluralForm, relativeStep } from './message-format';

describe('message format', () => {
  it('fills named placeholders and leaves unknown ones as written', () => {
    expect(fillNamed('{host} at {time} {x}', { host: 'chatgpt.com', time: 3 })).toBe('chatgpt.com at 3 {x}');
    expect(fillNamed('{host}')).toBe('{host}');
  });

  it('picks the plural form by count, with one form for Chinese', () => {
    expect(pluralForm('once | {count} times', 1)).toBe('once');
    expect(pluralForm('once | {count} times', 2)).toBe('{count} times');
    expect(pluralForm('none | one | {count}', 0)).toBe('none');
    expect(pluralForm('{count} 次', 5)).toBe('{count} 次');
  });

  it('says "just now" within 10 s, then the largest whole unit', () => {
    const now = 1_000_000_000;
    expect(relativeStep(now - 5_000, now)).toBe('just now');
    expect(relativeStep(now - 30_000, now)).toEqual({ value: -30, unit: 'second' });
    expect(relativeStep(now - 3 * 60_000, now)).toEqual({ value: -3, unit: 'minute' });
    expect(relativeStep(now - 2 * 86_400_000, now)).toEqual({ value: -2, unit: 'day' });
  });
});

import { describe, expect, it } from 'vitest';
import { findPlatform } from './catalog';
import { incentiveDate, incentiveStatus, partialDateEnd, partialDateStart } from './incentives';
import type { Incentive } from './schema';

const base: Incentive = {
  id: 'test-offer',
  summary: { en: 'x', 'zh-CN': 'x', 'zh-TW': 'x' },
  audience: 'everyone',
  announced: '2026-01-10',
  expires: null,
  migrationOffer: true,
  source: 'https://example.org/offer',
  confidence: 'high',
  asOf: '2026-01-10',
};
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('incentiveStatus', () => {
  it('is current within 12 months of the announcement when there is no expiry', () => {
    expect(incentiveStatus(base, at('2026-11-25'))).toBe('current');
    expect(incentiveStatus(base, at('2027-01-09'))).toBe('current');
    expect(incentiveStatus(base, at('2027-01-11'))).toBe('stale');
  });

  it('is stale once expired, counting the whole expiry day', () => {
    const offer = { ...base, expires: '2026-03-31' };
    expect(incentiveStatus(offer, new Date('2026-03-31T23:59:00Z'))).toBe('current');
    expect(incentiveStatus(offer, new Date('2026-04-01T00:00:01Z'))).toBe('stale');
    expect(incentiveStatus({ ...base, expires: '2026-03' }, at('2026-03-31'))).toBe('current');
  });

  it('judges month and year dates by their start (the offer is at least that old)', () => {
    expect(incentiveStatus({ ...base, announced: '2025-12' }, at('2026-11-30'))).toBe('current');
    expect(incentiveStatus({ ...base, announced: '2025-12' }, at('2026-12-02'))).toBe('stale');
    expect(incentiveStatus({ ...base, announced: '2025' }, at('2026-01-02'))).toBe('stale');
  });

  it('uses a later confirmation over the announcement, and is stale when nothing dates the offer', () => {
    const confirmed = { ...base, announced: '2024', lastConfirmed: '2026-02-08' };
    expect(incentiveStatus(confirmed, at('2026-11-25'))).toBe('current');
    expect(incentiveDate(confirmed)).toEqual({ kind: 'confirmed', date: '2026-02-08' });
    expect(incentiveStatus({ ...base, announced: null }, at('2026-11-25'))).toBe('stale');
  });

  it("shows the 2024 migration offers as stale today, Tencent's expired offer too", () => {
    const now = at('2026-11-25');
    const zhipu = findPlatform('zhipu')?.incentives[0];
    const tencent = findPlatform('tencent-hunyuan')?.incentives.find((i) => i.expires === '2024-07-31');
    expect(zhipu && incentiveStatus(zhipu, now)).toBe('stale');
    expect(tencent && incentiveStatus(tencent, at('2024-07-20'))).toBe('current');
    expect(tencent && incentiveStatus(tencent, now)).toBe('stale');
  });
});

describe('partial dates', () => {
  it('have a start and an end', () => {
    expect(new Date(partialDateStart('2024-06')).toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(new Date(partialDateEnd('2024-06')).toISOString()).toBe('2024-06-30T23:59:59.999Z');
    expect(new Date(partialDateEnd('2024')).toISOString()).toBe('2024-12-31T23:59:59.999Z');
    expect(new Date(partialDateEnd('2024-02-29')).toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });
});

import { describe, expect, it } from 'vitest';
import { auditCatalog, countByDomain, formatAudit } from './audit';
import { BUNDLED_CATALOG } from './catalog';

const NOW = Date.UTC(2026, 11, 5, 12);

describe('catalog audit', () => {
  const rows = auditCatalog(BUNDLED_CATALOG, NOW);

  it('lists every sourced fact, oldest first, with its domain', () => {
    expect(rows.length).toBeGreaterThan(200);
    for (let i = 1; i < rows.length; i++)
      expect((rows[i - 1]?.ageDays ?? 0) >= (rows[i]?.ageDays ?? 0)).toBe(true);
    const volc = rows.find((r) => r.path === 'volcengine-ark.models.chat');
    expect(volc).toMatchObject({
      asOf: '2025-12-18',
      basis: 'published',
      ageDays: 352,
      domain: 'volcengine.com',
    });
    const deepseekServed = rows.find((r) => r.path === 'deepseek.served');
    expect(deepseekServed).toMatchObject({ ageDays: 0, domain: 'api-docs.deepseek.com' });
    // Offers are facts too, named by their id.
    expect(rows.some((r) => r.path === 'alibaba-bailian.incentives.bailian-new-user-free-quota')).toBe(true);
    // Base URLs are named by region.
    expect(rows.some((r) => r.path === 'deepseek.api.baseUrls.global')).toBe(true);
  });

  it('counts facts per source domain and flags those past 180 days', () => {
    const domains = countByDomain(rows);
    expect(domains.reduce((n, d) => n + d.facts, 0)).toBe(rows.length);
    expect(domains.find((d) => d.domain === 'api-docs.deepseek.com')?.facts).toBeGreaterThan(3);
    const text = formatAudit(rows, '2026-12-05');
    expect(text).toMatch(/^Catalog audit, 2026-12-05: \d+ facts, \d+ older than 180 days/);
    expect(text).toMatch(/^! +352 d +2025-12-18 +published +volcengine\.com +volcengine-ark\.models\.chat$/m);
    expect(text).toMatch(/^ +0 d +2026-12-05 +retrieved +api-docs\.deepseek\.com +deepseek\.served$/m);
  });
});

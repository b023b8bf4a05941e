/**
 * The catalog audit (`npm run catalog:audit`): every sourced fact with its age and the domain of
 * its source, oldest first, and a count per domain, so a reviewer sees which facts to re-check
 * first and how much rests on third parties. Pure: takes the data, returns rows.
 */
import { factAgeDays, MAY_HAVE_CHANGED_AFTER_DAYS } from './freshness';
import type { Catalog } from './schema';

export interface AuditRow {
  /** Where in the catalog, e.g. `deepseek.models.chat` or `zhipu.incentives.zhipu-free-models`. */
  path: string;
  asOf: string;
  basis: string;
  ageDays: number;
  domain: string;
  source: string;
  unverified: boolean;
}

function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '(not a URL)';
  }
}

function collect(node: unknown, path: string, out: Array<{ path: string; fact: Record<string, unknown> }>) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      const id = n && typeof n === 'object' && 'id' in n ? String((n as { id: unknown }).id) : String(i);
      const region =
        n && typeof n === 'object' && 'region' in n ? String((n as { region: unknown }).region) : null;
      collect(n, `${path}.${region ?? id}`, out);
    });
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.source === 'string' && typeof obj.asOf === 'string') out.push({ path, fact: obj });
  for (const [k, v] of Object.entries(obj))
    if (k !== 'summary' && k !== 'name') collect(v, `${path}.${k}`, out);
}

export function auditCatalog(catalog: Catalog, now: Date | number): AuditRow[] {
  const found: Array<{ path: string; fact: Record<string, unknown> }> = [];
  for (const p of catalog.platforms) collect(p, p.id, found);
  return found
    .map(({ path, fact }) => ({
      path,
      asOf: String(fact.asOf),
      basis: String(fact.asOfBasis ?? 'page-date'),
      ageDays: factAgeDays(String(fact.asOf), now),
      domain: domainOf(String(fact.source)),
      source: String(fact.source),
      unverified: fact.unverified === true,
    }))
    .sort((a, b) => b.ageDays - a.ageDays || a.path.localeCompare(b.path));
}

export interface DomainCount {
  domain: string;
  facts: number;
  oldestDays: number;
}

export function countByDomain(rows: AuditRow[]): DomainCount[] {
  const by = new Map<string, DomainCount>();
  for (const r of rows) {
    const d = by.get(r.domain) ?? { domain: r.domain, facts: 0, oldestDays: 0 };
    d.facts++;
    d.oldestDays = Math.max(d.oldestDays, r.ageDays);
    by.set(r.domain, d);
  }
  return [...by.values()].sort((a, b) => b.facts - a.facts || a.domain.localeCompare(b.domain));
}

/** The report as plain text: facts by age (those past 180 days flagged), then the domains. */
export function formatAudit(rows: AuditRow[], today: string): string {
  const old = rows.filter((r) => r.ageDays > MAY_HAVE_CHANGED_AFTER_DAYS);
  const lines = [
    `Catalog audit, ${today}: ${rows.length} facts, ${old.length} older than ${MAY_HAVE_CHANGED_AFTER_DAYS} days (shown as "may have changed").`,
    '',
    'By age (oldest first):',
    ...rows.map(
      (r) =>
        `${r.ageDays > MAY_HAVE_CHANGED_AFTER_DAYS ? '!' : ' '} ${String(r.ageDays).padStart(5)} d  ${r.asOf.padEnd(10)}  ${r.basis.padEnd(12)}  ${r.domain.padEnd(32)}  ${r.path}${r.unverified ? '  (unverified)' : ''}`,
    ),
    '',
    'By source domain:',
    ...countByDomain(rows).map(
      (d) => `${String(d.facts).padStart(5)}  ${d.domain.padEnd(40)}  oldest ${d.oldestDays} d`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

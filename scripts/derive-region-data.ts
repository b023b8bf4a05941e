/**
 * Derives the data files of core/regions/ from sources on this machine and the research in reference/:
 * - regions.json: the canonical lists of reference/supported-regions.json, mapped to
 *   Detour's service/product slugs (secondary comparison copies are left out);
 * - iso3166-1.json: the 249 assigned ISO 3166-1 codes from Debian's iso-codes;
 * - timezones.json: IANA time zone → country, from tzdata's zone.tab plus its link names
 *   (browsers still report old names such as Asia/Calcutta).
 * Run: `npx tsx scripts/derive-region-data.ts` (needs the `iso-codes` and `tzdata` Debian packages).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { type RegionList, RegionsData } from '../core/regions/schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (name: string) => join(root, 'core', 'regions', name);

// ---- ISO 3166-1 ----
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
const isoVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'iso-codes']).toString().trim();
const iso = JSON.parse(readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1'] as Array<{
  alpha_2: string;
  alpha_3: string;
}>;
const countries = iso
  .map((c) => ({ alpha2: c.alpha_2, alpha3: c.alpha_3 }))
  .sort((a, b) => a.alpha2.localeCompare(b.alpha2));
writeFileSync(
  out('iso3166-1.json'),
  `${JSON.stringify(
    {
      source: 'https://salsa.debian.org/iso-codes-team/iso-codes (data/iso_3166-1.json)',
      version: `Debian iso-codes ${isoVersion}`,
      count: countries.length,
      countries,
    },
    null,
    1,
  )}\n`,
);

// ---- time zones ----
const tzVersion = /# version (\S+)/.exec(readFileSync('/usr/share/zoneinfo/tzdata.zi', 'utf8'))?.[1];
const zoneCountry: Record<string, string> = {};
for (const line of readFileSync('/usr/share/zoneinfo/zone.tab', 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [code, , zone] = line.split('\t');
  if (code && zone) zoneCountry[zone] = code;
}
for (const line of readFileSync('/usr/share/zoneinfo/tzdata.zi', 'utf8').split('\n')) {
  const m = /^L (\S+) (\S+)$/.exec(line);
  if (!m) continue;
  const [, target = '', alias = ''] = m;
  const code = zoneCountry[target];
  // Links whose target is not a single-country zone (e.g. Etc/UTC) tell nothing about a country.
  if (code && !(alias in zoneCountry)) zoneCountry[alias] = code;
}
const sortedZones = Object.fromEntries(Object.entries(zoneCountry).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  out('timezones.json'),
  `${JSON.stringify(
    {
      source: 'https://www.iana.org/time-zones (zone.tab and link names of tzdata.zi)',
      version: `tzdata ${tzVersion}`,
      zones: sortedZones,
    },
    null,
    0,
  )}\n`,
);

// ---- published region lists ----
// biome-ignore lint/suspicious/noExplicitAny: free-form research JSON
type Json = any;
const reference: Json[] = JSON.parse(readFileSync(join(root, 'reference', 'supported-regions.json'), 'utf8'));

// Reference (service/product) → Detour slugs, and what else the same list covers.
const SLUGS: Record<string, Pick<RegionList, 'id' | 'service' | 'product' | 'alsoCovers'>> = {
  'openai/api': { id: 'openai-api', service: 'openai', product: 'api', alsoCovers: ['platform'] },
  'openai/chatgpt': { id: 'openai-chatgpt', service: 'openai', product: 'chatgpt' },
  'anthropic/api': { id: 'anthropic-api', service: 'anthropic', product: 'api', alsoCovers: ['console'] },
  'anthropic/claude-web': { id: 'anthropic-claude', service: 'anthropic', product: 'claude-web' },
  // The page covers "Google AI Studio and the Gemini API" (not the Gemini app).
  'google/gemini-api': {
    id: 'google-gemini-api',
    service: 'google',
    product: 'gemini-api',
    alsoCovers: ['ai-studio'],
  },
  'github/copilot': {
    id: 'github-copilot',
    service: 'github-copilot',
    product: 'copilot-api',
    alsoCovers: ['copilot-token'],
  },
  'microsoft/copilot': { id: 'microsoft-copilot', service: 'microsoft-copilot', product: 'copilot-web' },
  'perplexity/web': { id: 'perplexity-web', service: 'perplexity', product: 'web' },
};

// Our own short wording of the carve-outs and of where sources disagree (from the research notes).
const PARTIAL_DETAIL: Record<string, string> = {
  'openai-api': 'Ukraine is listed "with certain exceptions" that the page does not name',
  'openai-chatgpt': 'Ukraine is listed "with certain exceptions" that the page does not name',
  'anthropic-api': 'Ukraine except Crimea, Donetsk and Luhansk',
  'anthropic-claude': 'Ukraine except Crimea, Donetsk and Luhansk',
  'github-copilot': 'Crimea, Sevastopol and the separatist areas of Donetsk and Luhansk are refused',
};
const UNCERTAIN: Record<string, { codes: string[]; why: string }> = {
  'openai-api': {
    codes: ['AS', 'GU', 'MP', 'PR', 'VI', 'MQ', 'YT', 'NC', 'SD', 'SS'],
    why: 'US territories are not named in the readable part of the list; a newer secondary copy adds MQ, YT, NC and drops SD, SS (unverified)',
  },
  'openai-chatgpt': {
    codes: ['AS', 'GU', 'MP', 'PR', 'VI', 'MQ', 'YT', 'NC', 'SD', 'SS'],
    why: 'US territories are not named in the readable part of the list; a newer secondary copy adds MQ, YT, NC and drops SD, SS (unverified)',
  },
  'anthropic-claude': {
    codes: ['CF', 'CD', 'ER', 'ET'],
    why: 'added to the newer API list; not confirmed for Claude.ai',
  },
  'google-gemini-api': {
    codes: ['AX', 'GF', 'GP', 'MC', 'MD', 'MF', 'MM', 'MQ', 'PF', 'RE', 'SJ', 'SM', 'SX', 'TF', 'VA', 'YT'],
    why: 'absent from the fully read 2025-11-19 page but present in a 2025-06 list; the current page probably re-adds some',
  },
};
const AS_OF_BASIS: Record<string, RegionList['asOfBasis']> = {
  'openai-api': 'sync-date',
  'openai-chatgpt': 'sync-date',
  'anthropic-api': 'read-date',
  'anthropic-claude': 'commit-date',
  'google-gemini-api': 'page-date',
  'github-copilot': 'commit-date',
  'microsoft-copilot': 'read-date',
  'perplexity-web': 'read-date',
};

const lists: RegionList[] = reference
  .filter((e) => e.canonical === true)
  .map((e) => {
    const slugs = SLUGS[`${e.service}/${e.product}`];
    if (!slugs) throw new Error(`no Detour slugs for ${e.service}/${e.product}`);
    const alsoRead = [e.alsoRead]
      .flat()
      .filter((u: unknown) => typeof u === 'string' && u.startsWith('https://'));
    const list: RegionList = {
      ...slugs,
      mode: e.mode,
      regions: [...e.regions].sort(),
      ...(e.partial?.length
        ? {
            partial: e.partial.map((p: Json) => ({
              code: p.code,
              detail: PARTIAL_DETAIL[slugs.id] ?? p.note,
            })),
          }
        : {}),
      ...(e.extraCodes?.length ? { extraCodes: e.extraCodes } : {}),
      ...(UNCERTAIN[slugs.id] ? { uncertain: UNCERTAIN[slugs.id] } : {}),
      source: e.source,
      ...(alsoRead.length ? { alsoRead } : {}),
      asOf: e.asOf,
      asOfBasis: AS_OF_BASIS[slugs.id] ?? 'read-date',
      sourceKind: e.sourceKind === 'secondary' || /MediaUnlockTest/.test(e.source) ? 'secondary' : 'primary',
      confidence: /LOW CONFIDENCE/.test(e.notes ?? '') ? 'low' : 'normal',
    };
    return list;
  });

const data = v.parse(RegionsData, {
  kind: 'detour-regions',
  version: 1,
  asOf: '2026-11-25',
  derivedFrom: 'reference/supported-regions.json (canonical entries, research of 2026-11-25)',
  lists,
});
writeFileSync(out('regions.json'), `${JSON.stringify(data, null, 1)}\n`);
console.log(
  `wrote ${countries.length} ISO codes, ${Object.keys(sortedZones).length} zones, ${lists.length} lists`,
);

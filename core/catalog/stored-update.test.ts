import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS, decideExitCountry, REGIONS } from '../regions/regions';
import type { KeyValueArea } from '../storage/key-value-area';
import { BUNDLED_CATALOG, CATALOG } from './catalog';
import { applyStoredUpdate, CATALOG_UPDATE_KEY, mergeStoredUpdate, readStoredUpdate } from './stored-update';

function area(value?: unknown): KeyValueArea {
  const data = new Map<string, unknown>(value === undefined ? [] : [[CATALOG_UPDATE_KEY, value]]);
  return {
    get: async (keys) => Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)])),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    remove: async (keys) => {
      for (const k of keys) data.delete(k);
    },
    keys: async () => [...data.keys()],
  };
}

/** The bundled lists with ChatGPT's list made to serve CN: an update a test can see taking effect. */
function newerRegions() {
  const copy = structuredClone(BUNDLED_REGIONS);
  copy.version = BUNDLED_REGIONS.version + 1;
  const chatgpt = copy.lists.find((l) => l.id === 'openai-chatgpt');
  chatgpt?.regions.push('CN');
  return copy;
}

const now = Date.UTC(2026, 10, 26);
const cnOnChatgpt = () =>
  decideExitCountry({ service: 'openai', product: 'chatgpt', country: 'CN', now }).decision;

afterEach(async () => {
  await applyStoredUpdate(area());
});

describe('stored catalog update', () => {
  it('without an update, the bundled catalog and lists stay in use', async () => {
    expect(await applyStoredUpdate(area())).toEqual({ platforms: false, regions: false });
    expect(REGIONS).toBe(BUNDLED_REGIONS);
    expect(CATALOG).toBe(BUNDLED_CATALOG);
    expect(cnOnChatgpt()).toBe('not-served');
  });

  it('a valid, newer stored region list is used by decideExitCountry', async () => {
    const warnings: string[] = [];
    const applied = await applyStoredUpdate(area({ fetchedAt: now, regions: newerRegions() }), (m) =>
      warnings.push(m),
    );
    expect(applied).toEqual({ platforms: false, regions: true });
    expect(REGIONS.version).toBe(BUNDLED_REGIONS.version + 1);
    expect(cnOnChatgpt()).toBe('served');
    expect(warnings).toEqual([]);
  });

  it('an invalid stored part falls back to the bundled data with a warning', async () => {
    const bad = newerRegions() as unknown as { lists: Array<{ regions: string[] }> };
    bad.lists[0]?.regions.push('china');
    const warnings: string[] = [];
    expect(await applyStoredUpdate(area({ fetchedAt: now, regions: bad }), (m) => warnings.push(m))).toEqual({
      platforms: false,
      regions: false,
    });
    expect(REGIONS).toBe(BUNDLED_REGIONS);
    expect(warnings.join(' ')).toMatch(/regions update is invalid/);
  });

  it('a stored update no newer than the bundled data (Detour was updated since) is ignored', async () => {
    const warnings: string[] = [];
    const same = { ...structuredClone(BUNDLED_CATALOG) };
    await applyStoredUpdate(area({ fetchedAt: now, platforms: same }), (m) => warnings.push(m));
    expect(CATALOG).toBe(BUNDLED_CATALOG);
    expect(warnings.join(' ')).toMatch(/not newer/);
  });

  it('garbage under the key is ignored with a warning', async () => {
    const warnings: string[] = [];
    await applyStoredUpdate(area('a string'), (m) => warnings.push(m));
    expect(REGIONS).toBe(BUNDLED_REGIONS);
    expect(warnings).toHaveLength(1);
  });

  it('an update with only platforms keeps stored region lists', async () => {
    const previous = await readStoredUpdate(area({ fetchedAt: 1, regions: newerRegions() }));
    const platforms = { ...structuredClone(BUNDLED_CATALOG), version: BUNDLED_CATALOG.version + 1 };
    const merged = mergeStoredUpdate(previous, { platforms }, now);
    expect(merged.regions?.version).toBe(BUNDLED_REGIONS.version + 1);
    expect(merged.platforms?.version).toBe(BUNDLED_CATALOG.version + 1);
    expect(merged.fetchedAt).toBe(now);
  });
});

/**
 * The optional catalog update, once "Update now" has stored it (`catalog.update` in
 * storage.local): read it back at startup in the background, the popup and the options page,
 * validate it again with the same schemas, and use it in place of the bundled data. A part that
 * is missing, invalid, or not newer than what Detour bundles (Detour itself was updated since) is
 * ignored with a warning: the bundled data stays in use. Data only, never code.
 */
import * as v from 'valibot';
import { BUNDLED_REGIONS, installRegions } from '../regions/regions';
import { RegionsData } from '../regions/schema';
import type { KeyValueArea } from '../storage/key-value-area';
import { BUNDLED_CATALOG, installCatalog } from './catalog';
import { Catalog } from './schema';

export const CATALOG_UPDATE_KEY = 'catalog.update';

export interface StoredCatalogUpdate {
  fetchedAt: number;
  platforms?: Catalog;
  regions?: RegionsData;
}

export interface LoadedUpdate {
  platforms: Catalog | null;
  regions: RegionsData | null;
  fetchedAt: number | null;
}

/** Reads and validates the stored update; never throws. */
export async function readStoredUpdate(
  area: KeyValueArea,
  warn: (message: string) => void = (m) => console.warn(`[detour] ${m}`),
): Promise<LoadedUpdate> {
  const none: LoadedUpdate = { platforms: null, regions: null, fetchedAt: null };
  let raw: unknown;
  try {
    raw = (await area.get([CATALOG_UPDATE_KEY]))[CATALOG_UPDATE_KEY];
  } catch (err) {
    warn(`stored catalog update not readable (${String(err)}); using the bundled catalog`);
    return none;
  }
  if (raw === undefined || raw === null) return none;
  if (typeof raw !== 'object') {
    warn('stored catalog update is not an object; using the bundled catalog');
    return none;
  }
  const stored = raw as Record<string, unknown>;
  const fetchedAt = typeof stored.fetchedAt === 'number' ? stored.fetchedAt : null;

  const part = <T extends { version: number }>(
    name: 'platforms' | 'regions',
    schema: v.GenericSchema<unknown, T>,
    bundled: T,
  ): T | null => {
    if (stored[name] === undefined || stored[name] === null) return null;
    const parsed = v.safeParse(schema, stored[name]);
    if (!parsed.success) {
      warn(
        `stored ${name} update is invalid (${v.summarize(parsed.issues).slice(0, 200)}); using the bundled ${name}`,
      );
      return null;
    }
    if (parsed.output.version <= bundled.version) {
      warn(
        `stored ${name} update (version ${parsed.output.version}) is not newer than the bundled one; using the bundled ${name}`,
      );
      return null;
    }
    return parsed.output;
  };
  return {
    platforms: part('platforms', Catalog, BUNDLED_CATALOG),
    regions: part('regions', RegionsData, BUNDLED_REGIONS),
    fetchedAt,
  };
}

/**
 * Puts a valid stored update in use (CATALOG, REGIONS); falls back to the bundled data otherwise.
 * Returns what was installed.
 */
export async function applyStoredUpdate(
  area: KeyValueArea,
  warn?: (message: string) => void,
): Promise<{ platforms: boolean; regions: boolean }> {
  const loaded = await readStoredUpdate(area, warn);
  installCatalog(loaded.platforms ?? BUNDLED_CATALOG);
  installRegions(loaded.regions ?? BUNDLED_REGIONS);
  return { platforms: loaded.platforms !== null, regions: loaded.regions !== null };
}

/**
 * What to store after a validated update: the new parts, keeping a stored part the update does
 * not carry (an update with only region lists must not drop stored platforms).
 */
export function mergeStoredUpdate(
  previous: LoadedUpdate,
  next: { platforms?: Catalog; regions?: RegionsData },
  now: number,
): StoredCatalogUpdate {
  const platforms = next.platforms ?? previous.platforms ?? undefined;
  const regions = next.regions ?? previous.regions ?? undefined;
  return {
    fetchedAt: now,
    ...(platforms ? { platforms } : {}),
    ...(regions ? { regions } : {}),
  };
}

/**
 * The signed bundle in use, kept in storage.local with the one it replaced. At every start the
 * stored bundle is verified and validated again before it is installed; if it fails (storage
 * corrupted, a key rotated out, a newer build ships newer data) the previous one is tried, then
 * the build's own data: a bad bundle rolls back, it never leaves Detour without data.
 */
import * as v from 'valibot';
import type { KeyValueArea } from '../storage/key-value-area';
import { acceptBundle } from './accept';
import type { DataBundle } from './bundle';
import type { SigningKey } from './signature';

export const DATA_BUNDLE_KEY = 'data.bundle';
export const DATA_PREVIOUS_KEY = 'data.bundle.previous';
export const DATA_LAST_CHECKED_KEY = 'data.lastChecked';

export const StoredBundle = v.object({
  text: v.pipe(v.string(), v.maxLength(2 * 1024 * 1024)),
  signature: v.pipe(v.string(), v.maxLength(200)),
  mirror: v.pipe(v.string(), v.startsWith('https://'), v.maxLength(2048)),
  fetchedAt: v.number(),
});
export type StoredBundle = v.InferOutput<typeof StoredBundle>;

/** Puts data in use: the catalog, the region lists and the rules, or the build's own. */
export interface DataInstaller {
  /** Throws if the data cannot be put in use; the caller then rolls back. */
  install(bundle: DataBundle): void;
  reset(): void;
}

export interface BuiltData {
  asOf: string;
  platformsVersion: number;
  regionsVersion: number;
}

export type DataStatus =
  | { source: 'built-in'; asOf: string }
  | {
      source: 'signed';
      asOf: string;
      version: number;
      mirror: string;
      fetchedAt: number;
      keyId: string;
    };

export interface InstalledDeps {
  area: KeyValueArea;
  installer: DataInstaller;
  keys: readonly SigningKey[];
  built: BuiltData;
  warn?: (message: string) => void;
  subtle?: SubtleCrypto;
}

/** Verifies, validates and installs a stored bundle; null (and nothing installed) when it fails. */
export async function installStored(
  raw: unknown,
  deps: InstalledDeps,
): Promise<Extract<DataStatus, { source: 'signed' }> | null> {
  const warn = deps.warn ?? ((m: string) => console.warn(`[detour] ${m}`));
  if (raw === undefined || raw === null) return null;
  const stored = v.safeParse(StoredBundle, raw);
  if (!stored.success) {
    warn('stored data bundle is malformed; not used');
    return null;
  }
  const { text, signature, mirror, fetchedAt } = stored.output;
  const accepted = await acceptBundle(
    text,
    signature,
    {
      bundleVersion: 0,
      builtPlatformsVersion: deps.built.platformsVersion,
      builtRegionsVersion: deps.built.regionsVersion,
    },
    deps.keys,
    deps.subtle,
  );
  if (!accepted.ok) {
    warn(`stored data bundle refused (${accepted.reason}: ${accepted.detail}); not used`);
    return null;
  }
  try {
    deps.installer.install(accepted.bundle);
  } catch (error) {
    deps.installer.reset();
    warn(`stored data bundle could not be put in use (${String(error).slice(0, 200)})`);
    return null;
  }
  return {
    source: 'signed',
    asOf: accepted.bundle.asOf,
    version: accepted.bundle.version,
    mirror,
    fetchedAt,
    keyId: accepted.keyId,
  };
}

/** At start: the stored bundle, else the one before it, else the build's data. Never throws. */
export async function loadInstalledData(deps: InstalledDeps): Promise<DataStatus> {
  let stored: Record<string, unknown> = {};
  try {
    stored = await deps.area.get([DATA_BUNDLE_KEY, DATA_PREVIOUS_KEY]);
  } catch (error) {
    (deps.warn ?? console.warn)(`stored data bundle not readable (${String(error)}); using the build's data`);
  }
  for (const key of [DATA_BUNDLE_KEY, DATA_PREVIOUS_KEY]) {
    const status = await installStored(stored[key], deps);
    if (status) return status;
  }
  deps.installer.reset();
  return { source: 'built-in', asOf: deps.built.asOf };
}

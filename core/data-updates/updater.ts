/**
 * "Update now" and the weekly check the user may opt into: fetch the signed bundle from the
 * build's mirrors, accept it only when signed, valid and newer, put it in use, and keep the one it
 * replaced. If putting it in use or storing it fails, the data that was in use is put back.
 */
import type { KeyValueArea } from '../storage/key-value-area';
import { acceptBundle, type Refusal } from './accept';
import { type FetchedBundle, fetchSignedBundle, type MirrorFailure } from './fetch-bundle';
import {
  type BuiltData,
  DATA_BUNDLE_KEY,
  DATA_LAST_CHECKED_KEY,
  DATA_PREVIOUS_KEY,
  type DataInstaller,
  type DataStatus,
  installStored,
  type StoredBundle,
} from './installed';
import type { SigningKey } from './signature';

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type UpdateOutcome =
  | { ok: true; status: DataStatus; failures: MirrorFailure[] }
  | {
      ok: false;
      reason: Refusal | 'dataNoMirrors' | 'dataFetchFailed' | 'dataInstallFailed' | 'dataStoreFailed';
      detail: string;
      failures: MirrorFailure[];
    };

export interface UpdaterDeps {
  area: KeyValueArea;
  installer: DataInstaller;
  keys: readonly SigningKey[];
  built: BuiltData;
  mirrors: readonly string[];
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** What is in use now (from loadInstalledData or the last update). */
  current: () => DataStatus;
  now: () => number;
  timeoutMs?: number;
  maxBytes?: number;
  subtle?: SubtleCrypto;
  warn?: (message: string) => void;
}

export async function updateDataNow(deps: UpdaterDeps): Promise<UpdateOutcome> {
  if (deps.mirrors.length === 0)
    return { ok: false, reason: 'dataNoMirrors', detail: 'this build has no update address', failures: [] };
  await deps.area.set({ [DATA_LAST_CHECKED_KEY]: deps.now() }).catch(() => {});
  const fetched: FetchedBundle = await fetchSignedBundle(deps.mirrors, deps);
  if (!fetched.ok)
    return {
      ok: false,
      reason: 'dataFetchFailed',
      detail: fetched.failures.map((f) => `${f.mirror}: ${f.reason}`).join('; '),
      failures: fetched.failures,
    };
  const current = deps.current();
  const accepted = await acceptBundle(
    fetched.text,
    fetched.signature,
    {
      bundleVersion: current.source === 'signed' ? current.version : 0,
      builtPlatformsVersion: deps.built.platformsVersion,
      builtRegionsVersion: deps.built.regionsVersion,
    },
    deps.keys,
    deps.subtle,
  );
  if (!accepted.ok) return { ...accepted, failures: fetched.failures };

  const previous = (await deps.area.get([DATA_BUNDLE_KEY]).catch((): Record<string, unknown> => ({})))[
    DATA_BUNDLE_KEY
  ] as StoredBundle | undefined;
  // Put the data that was in use back: the previous stored bundle, else the build's own.
  const rollBack = async () => {
    const restored = previous ? await installStored(previous, deps) : null;
    if (!restored) deps.installer.reset();
  };
  try {
    deps.installer.install(accepted.bundle);
  } catch (error) {
    await rollBack();
    return {
      ok: false,
      reason: 'dataInstallFailed',
      detail: String(error).slice(0, 200),
      failures: fetched.failures,
    };
  }
  const record: StoredBundle = {
    text: fetched.text,
    signature: fetched.signature,
    mirror: fetched.mirror,
    fetchedAt: deps.now(),
  };
  try {
    await deps.area.set({
      [DATA_BUNDLE_KEY]: record,
      ...(previous ? { [DATA_PREVIOUS_KEY]: previous } : {}),
    });
  } catch (error) {
    await rollBack();
    return {
      ok: false,
      reason: 'dataStoreFailed',
      detail: String(error).slice(0, 200),
      failures: fetched.failures,
    };
  }
  return {
    ok: true,
    status: {
      source: 'signed',
      asOf: accepted.bundle.asOf,
      version: accepted.bundle.version,
      mirror: fetched.mirror,
      fetchedAt: record.fetchedAt,
      keyId: accepted.keyId,
    },
    failures: fetched.failures,
  };
}

/** Whether an opted-in weekly check is due (never checked, or a week since the last). */
export async function weeklyCheckDue(area: KeyValueArea, now: number): Promise<boolean> {
  const last = (await area.get([DATA_LAST_CHECKED_KEY]).catch((): Record<string, unknown> => ({})))[
    DATA_LAST_CHECKED_KEY
  ];
  return typeof last !== 'number' || !Number.isFinite(last) || now - last >= WEEK_MS || last > now;
}

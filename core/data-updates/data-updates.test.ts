import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG } from '../catalog/catalog';
import type { Catalog } from '../catalog/schema';
import { RULE_FILES } from '../detection/rules';
import { BUNDLED_REGIONS } from '../regions/regions';
import type { KeyValueArea } from '../storage/key-value-area';
import { acceptBundle } from './accept';
import { generateSigningKey, makeBundleText, signText } from './build-bundle';
import type { DataBundle } from './bundle';
import {
  type BuiltData,
  DATA_BUNDLE_KEY,
  DATA_PREVIOUS_KEY,
  type DataInstaller,
  type DataStatus,
  loadInstalledData,
} from './installed';
import { DATA_SIGNING_KEYS } from './keys';
import { BUNDLE_FILE, parseMirrors, SIGNATURE_FILE } from './mirrors';
import { base64ToBytes, ed25519Supported, type SigningKey } from './signature';
import { type UpdaterDeps, updateDataNow, WEEK_MS, weeklyCheckDue } from './updater';

const MIRROR_A = 'https://a.example/detour/';
const MIRROR_B = 'https://b.example/data/';
const T0 = Date.UTC(2026, 11, 5, 12);
const BUILT: BuiltData = {
  asOf: '2026-12-05',
  platformsVersion: BUNDLED_CATALOG.version,
  regionsVersion: BUNDLED_REGIONS.version,
};

// A throwaway key made for this run; the project's private key is never in the repository.
let signer: { privateKey: string; publicKey: string };
let other: { privateKey: string; publicKey: string };
let KEYS: SigningKey[];

beforeAll(async () => {
  signer = await generateSigningKey();
  other = await generateSigningKey();
  KEYS = [{ id: 'test-key', publicKey: signer.publicKey }];
});

async function signedBundle(
  version: number,
  key = signer,
  patch: (b: Omit<DataBundle, 'kind'>) => void = () => {},
): Promise<{ text: string; signature: string }> {
  const parts: Omit<DataBundle, 'kind'> = {
    version,
    asOf: '2026-12-06',
    platforms: structuredClone(BUNDLED_CATALOG),
    regions: structuredClone(BUNDLED_REGIONS),
    rules: structuredClone([...RULE_FILES]),
  };
  patch(parts);
  const text = makeBundleText(parts);
  const { signature } = await signText(text, base64ToBytes(key.privateKey) as Uint8Array<ArrayBuffer>);
  return { text, signature };
}

function memoryArea(): KeyValueArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(keys) {
      return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of keys) delete data[k];
    },
    async keys() {
      return Object.keys(data);
    },
  };
}

/** Records what is in use, as the extension's installer would put it in use. */
function recordingInstaller(failOn?: (b: DataBundle) => boolean) {
  const state = { inUse: 'built-in' as string | number, installs: 0, resets: 0 };
  const installer: DataInstaller = {
    install(b) {
      if (failOn?.(b)) throw new Error('cannot compile');
      state.inUse = b.version;
      state.installs++;
    },
    reset() {
      state.inUse = 'built-in';
      state.resets++;
    },
  };
  return { installer, state };
}

type Served = Record<string, { status?: number; body: string } | 'down' | 'slow'>;

/** A fake network of mirrors: each URL answers with a body, fails, or never answers until aborted. */
function network(served: Served) {
  const asked: string[] = [];
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    asked.push(url);
    expect(init.credentials).toBe('omit');
    const answer = served[url];
    if (answer === 'down' || answer === undefined) return Promise.reject(new TypeError('Failed to fetch'));
    if (answer === 'slow')
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    return Promise.resolve(new Response(answer.body, { status: answer.status ?? 200 }));
  };
  return { fetch, asked };
}

function serve(mirror: string, bundle: { text: string; signature: string }): Served {
  return {
    [`${mirror}${BUNDLE_FILE}`]: { body: bundle.text },
    [`${mirror}${SIGNATURE_FILE}`]: { body: `${bundle.signature}\n` },
  };
}

type MemoryArea = ReturnType<typeof memoryArea>;
type TestDeps = UpdaterDeps & { area: MemoryArea; setStatus: (s: DataStatus) => void };

/** Updater dependencies over an in-memory store; `setStatus` plays the background keeping what is in use. */
function deps(over: Partial<UpdaterDeps> & Pick<UpdaterDeps, 'fetch' | 'mirrors'>): TestDeps {
  let status: DataStatus = { source: 'built-in', asOf: BUILT.asOf };
  return {
    installer: recordingInstaller().installer,
    keys: KEYS,
    built: BUILT,
    now: () => T0,
    timeoutMs: 2_000,
    ...over,
    area: memoryArea(),
    current: () => status,
    setStatus: (s) => {
      status = s;
    },
  };
}

describe('signed data updates', () => {
  it('WebCrypto here verifies Ed25519', async () => {
    expect(await ed25519Supported()).toBe(true);
  });

  it('good: a signed, valid, newer bundle from the mirror is put in use and kept', async () => {
    const bundle = await signedBundle(10);
    const { fetch, asked } = network(serve(MIRROR_A, bundle));
    const { installer, state } = recordingInstaller();
    const d = deps({ fetch, mirrors: [MIRROR_A], installer });
    const outcome = await updateDataNow(d);
    expect(outcome).toMatchObject({
      ok: true,
      status: { source: 'signed', version: 10, asOf: '2026-12-06', mirror: MIRROR_A, keyId: 'test-key' },
    });
    expect(asked).toEqual([`${MIRROR_A}${BUNDLE_FILE}`, `${MIRROR_A}${SIGNATURE_FILE}`]);
    expect(state.inUse).toBe(10);
    expect(d.area.data[DATA_BUNDLE_KEY]).toMatchObject({
      text: bundle.text,
      mirror: MIRROR_A,
      fetchedAt: T0,
    });

    // At the next start the stored bundle is verified again and put in use.
    const again = recordingInstaller();
    const status = await loadInstalledData({
      area: d.area,
      installer: again.installer,
      keys: KEYS,
      built: BUILT,
    });
    expect(status).toMatchObject({ source: 'signed', version: 10, mirror: MIRROR_A });
    expect(again.state.inUse).toBe(10);
  });

  it('tampered: one changed byte and the bundle is refused; nothing changes', async () => {
    const bundle = await signedBundle(10);
    const tampered = { ...bundle, text: bundle.text.replace('"detour-platforms"', '"detour-platformz"') };
    expect(tampered.text).not.toBe(bundle.text);
    const { installer, state } = recordingInstaller();
    const d = deps({ fetch: network(serve(MIRROR_A, tampered)).fetch, mirrors: [MIRROR_A], installer });
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataBadSignature' });
    expect(state).toMatchObject({ inUse: 'built-in', installs: 0 });
    expect(d.area.data[DATA_BUNDLE_KEY]).toBeUndefined();
  });

  it('wrong key: a bundle signed by a key not in the build is refused', async () => {
    const bundle = await signedBundle(10, other);
    const d = deps({ fetch: network(serve(MIRROR_A, bundle)).fetch, mirrors: [MIRROR_A] });
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataBadSignature' });
    // The shipped placeholder key verifies nothing: no one holds its private half.
    const placeholder = await acceptBundle(
      bundle.text,
      bundle.signature,
      { bundleVersion: 0, builtPlatformsVersion: 0, builtRegionsVersion: 0 },
      DATA_SIGNING_KEYS,
    );
    expect(placeholder).toMatchObject({ ok: false, reason: 'dataBadSignature' });
  });

  it('replayed older bundle: refused once a newer one is in use, and the same one twice too', async () => {
    const newer = await signedBundle(12);
    const older = await signedBundle(11);
    const { installer, state } = recordingInstaller();
    let served = serve(MIRROR_A, newer);
    const d = deps({
      fetch: (u, i) => network(served).fetch(u, i),
      mirrors: [MIRROR_A],
      installer,
    });
    const first = await updateDataNow(d);
    expect(first.ok).toBe(true);
    if (first.ok) d.setStatus(first.status);
    served = serve(MIRROR_A, older);
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataNotNewer' });
    served = serve(MIRROR_A, newer);
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataNotNewer' });
    expect(state.inUse).toBe(12);
  });

  it('a signed bundle whose data is older than the build ships is refused', async () => {
    const stale = await signedBundle(20, signer, (b) => {
      b.platforms = { ...(b.platforms as Catalog), version: BUNDLED_CATALOG.version - 1 };
    });
    const d = deps({ fetch: network(serve(MIRROR_A, stale)).fetch, mirrors: [MIRROR_A] });
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataOlderThanBuild' });
  });

  it('signed but invalid (a rule that does not load, an http URL): refused as invalid', async () => {
    const badRule = await signedBundle(30, signer, (b) => {
      b.rules = [{ service: 'openai', rules: [{ id: 'x' }] }];
    });
    const d = deps({ fetch: network(serve(MIRROR_A, badRule)).fetch, mirrors: [MIRROR_A] });
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataInvalid', detail: /^rules: / });
    const http = await signedBundle(31, signer, (b) => {
      const p = (b.platforms as Catalog).platforms[0];
      if (p?.urls.docs) p.urls.docs.value = 'http://docs.example/';
    });
    const d2 = deps({ fetch: network(serve(MIRROR_A, http)).fetch, mirrors: [MIRROR_A] });
    expect(await updateDataNow(d2)).toMatchObject({ ok: false, reason: 'dataInvalid' });
  });

  it('oversized: a bundle over 2 MB is cut off while it downloads and refused', async () => {
    const served: Served = {
      [`${MIRROR_A}${BUNDLE_FILE}`]: { body: 'x'.repeat(2 * 1024 * 1024 + 1) },
      [`${MIRROR_A}${SIGNATURE_FILE}`]: { body: 'AAAA' },
    };
    const d = deps({ fetch: network(served).fetch, mirrors: [MIRROR_A] });
    const outcome = await updateDataNow(d);
    expect(outcome).toMatchObject({ ok: false, reason: 'dataFetchFailed' });
    expect(outcome.failures).toEqual([
      expect.objectContaining({ mirror: MIRROR_A, reason: 'updateTooLarge' }),
    ]);
  });

  it('slow mirror: given up after the time bound, nothing installed', async () => {
    const served: Served = { [`${MIRROR_A}${BUNDLE_FILE}`]: 'slow' };
    const { installer, state } = recordingInstaller();
    const d = deps({ fetch: network(served).fetch, mirrors: [MIRROR_A], installer, timeoutMs: 50 });
    const outcome = await updateDataNow(d);
    expect(outcome).toMatchObject({ ok: false, reason: 'dataFetchFailed' });
    expect(outcome.failures).toEqual([
      expect.objectContaining({ mirror: MIRROR_A, reason: 'updateTimeout' }),
    ]);
    expect(state.installs).toBe(0);
  });

  it('first mirror down, second good: the second one is used and the first failure reported', async () => {
    const bundle = await signedBundle(40);
    const served: Served = { [`${MIRROR_A}${BUNDLE_FILE}`]: 'down', ...serve(MIRROR_B, bundle) };
    const { fetch, asked } = network(served);
    const d = deps({ fetch, mirrors: [MIRROR_A, MIRROR_B] });
    const outcome = await updateDataNow(d);
    expect(outcome).toMatchObject({ ok: true, status: { mirror: MIRROR_B, version: 40 } });
    expect(outcome.failures).toEqual([
      expect.objectContaining({ mirror: MIRROR_A, reason: 'updateNetworkError' }),
    ]);
    expect(asked[0]).toBe(`${MIRROR_A}${BUNDLE_FILE}`);
  });

  it('a bad bundle rolls back: if it cannot be put in use, the previous bundle is put back', async () => {
    const good = await signedBundle(50);
    const bad = await signedBundle(51);
    const { installer, state } = recordingInstaller((b) => b.version === 51);
    let served = serve(MIRROR_A, good);
    const d = deps({ fetch: (u, i) => network(served).fetch(u, i), mirrors: [MIRROR_A], installer });
    const first = await updateDataNow(d);
    if (first.ok) d.setStatus(first.status);
    served = serve(MIRROR_A, bad);
    expect(await updateDataNow(d)).toMatchObject({ ok: false, reason: 'dataInstallFailed' });
    expect(state.inUse).toBe(50);
    expect((d.area.data[DATA_BUNDLE_KEY] as { text: string }).text).toBe(good.text);
  });

  it('at start, a stored bundle that no longer verifies gives way to the previous one, then to the build', async () => {
    const area = memoryArea();
    const prev = await signedBundle(60);
    const cur = await signedBundle(61);
    area.data[DATA_PREVIOUS_KEY] = {
      text: prev.text,
      signature: prev.signature,
      mirror: MIRROR_A,
      fetchedAt: T0,
    };
    area.data[DATA_BUNDLE_KEY] = {
      text: `${cur.text} `,
      signature: cur.signature,
      mirror: MIRROR_A,
      fetchedAt: T0,
    };
    const warnings: string[] = [];
    const { installer, state } = recordingInstaller();
    const status = await loadInstalledData({
      area,
      installer,
      keys: KEYS,
      built: BUILT,
      warn: (m) => warnings.push(m),
    });
    expect(status).toMatchObject({ source: 'signed', version: 60 });
    expect(state.inUse).toBe(60);
    expect(warnings.join()).toMatch(/dataBadSignature/);

    area.data[DATA_PREVIOUS_KEY] = { text: 'garbage' };
    const none = recordingInstaller();
    expect(
      await loadInstalledData({ area, installer: none.installer, keys: KEYS, built: BUILT, warn: () => {} }),
    ).toEqual({
      source: 'built-in',
      asOf: BUILT.asOf,
    });
    expect(none.state).toMatchObject({ inUse: 'built-in', resets: 1 });
  });

  it('no mirrors in this build: nothing is fetched', async () => {
    const { fetch, asked } = network({});
    expect(await updateDataNow(deps({ fetch, mirrors: [] }))).toMatchObject({
      ok: false,
      reason: 'dataNoMirrors',
    });
    expect(asked).toEqual([]);
  });
});

describe('mirror list and weekly schedule', () => {
  it('keeps only https mirrors without credentials or queries', () => {
    expect(
      parseMirrors(
        ' https://a.example/x , http://b.example/, https://u:p@c.example/, https://d.example/?q=1, nonsense,https://a.example/x/',
      ),
    ).toEqual(['https://a.example/x/']);
    expect(parseMirrors(undefined)).toEqual([]);
  });

  it('is due when never checked or a week after the last check', async () => {
    const area = memoryArea();
    expect(await weeklyCheckDue(area, T0)).toBe(true);
    area.data['data.lastChecked'] = T0;
    expect(await weeklyCheckDue(area, T0 + WEEK_MS - 1)).toBe(false);
    expect(await weeklyCheckDue(area, T0 + WEEK_MS)).toBe(true);
    // A clock set back does not stop checks forever.
    expect(await weeklyCheckDue(area, T0 - 1000)).toBe(true);
  });
});

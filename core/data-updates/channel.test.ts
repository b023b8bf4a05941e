import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG } from '../catalog/catalog';
import { RULE_FILES } from '../detection/rules';
import { BUNDLED_REGIONS } from '../regions/regions';
import type { KeyValueArea } from '../storage/key-value-area';
import { generateSigningKey, makeBundleText, signText } from './build-bundle';
import { DATA_WEEKLY_KEY, DataChannel } from './channel';
import type { DataInstaller } from './installed';
import { BUNDLE_FILE, SIGNATURE_FILE } from './mirrors';
import { base64ToBytes } from './signature';
import { WEEK_MS } from './updater';

const MIRROR = 'https://data.example/';
const T0 = Date.UTC(2026, 11, 5, 12);
const BUILT = {
  asOf: '2026-12-05',
  platformsVersion: BUNDLED_CATALOG.version,
  regionsVersion: BUNDLED_REGIONS.version,
};

function area(): KeyValueArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => {
      for (const k of keys) delete data[k];
    },
    keys: async () => Object.keys(data),
  };
}

async function setup() {
  const key = await generateSigningKey();
  const text = makeBundleText({
    version: 7,
    asOf: '2026-12-07',
    platforms: BUNDLED_CATALOG,
    regions: BUNDLED_REGIONS,
    rules: [...RULE_FILES],
  });
  const { signature } = await signText(text, base64ToBytes(key.privateKey) as Uint8Array<ArrayBuffer>);
  const asked: string[] = [];
  const fetch = async (url: string) => {
    asked.push(url);
    if (url === `${MIRROR}${BUNDLE_FILE}`) return new Response(text);
    if (url === `${MIRROR}${SIGNATURE_FILE}`) return new Response(signature);
    return new Response('', { status: 404 });
  };
  const installed: number[] = [];
  const installer: DataInstaller = { install: (b) => void installed.push(b.version), reset: () => {} };
  const store = area();
  let now = T0;
  const channel = (mirrors = [MIRROR]) =>
    new DataChannel({
      area: store,
      installer,
      keys: [{ id: 'test', publicKey: key.publicKey }],
      built: BUILT,
      mirrors,
      fetch,
      now: () => now,
    });
  return { channel, asked, installed, store, advance: (ms: number) => (now += ms) };
}

describe('DataChannel', () => {
  it('starts on the build data, says so, and fetches nothing until asked', async () => {
    const { channel, asked } = await setup();
    const c = channel();
    await c.checkWeeklyIfDue();
    expect(await c.answer()).toEqual({
      source: 'built-in',
      asOf: '2026-12-05',
      version: null,
      mirror: null,
      fetchedAt: null,
      mirrors: 1,
      weekly: false,
      verifierAvailable: true,
    });
    expect(asked).toEqual([]);
  });

  it('"Update now" puts the signed bundle in use; options then sees where it came from', async () => {
    const { channel, installed } = await setup();
    const c = channel();
    const answer = await c.update();
    expect(answer).toMatchObject({
      ok: true,
      message: 'dataUpdates.updated',
      status: { source: 'signed', asOf: '2026-12-07', version: 7, mirror: MIRROR, fetchedAt: T0 },
    });
    expect(installed).toEqual([7]);
    // A restart finds it stored and verifies it again.
    const restarted = channel();
    expect(await restarted.answer()).toMatchObject({ source: 'signed', version: 7 });
    // The same bundle again is not newer.
    expect(await restarted.update()).toMatchObject({ ok: false, message: 'dataUpdates.dataNotNewer' });
  });

  it('checks weekly only after the user opted in, and only once a week', async () => {
    const { channel, asked, store, advance } = await setup();
    const c = channel();
    expect((await c.setWeekly(true)).weekly).toBe(true);
    expect(store.data[DATA_WEEKLY_KEY]).toBe(true);
    await c.checkWeeklyIfDue();
    expect(asked.length).toBe(2);
    advance(WEEK_MS - 1);
    await channel().checkWeeklyIfDue();
    expect(asked.length).toBe(2);
    advance(1);
    await channel().checkWeeklyIfDue();
    expect(asked.length).toBe(4);
    await c.setWeekly(false);
    advance(WEEK_MS);
    await channel().checkWeeklyIfDue();
    expect(asked.length).toBe(4);
  });

  it('with no mirrors in the build it never fetches, and says why', async () => {
    const { channel, asked } = await setup();
    const c = channel([]);
    await c.setWeekly(true);
    await c.checkWeeklyIfDue();
    expect(await c.update()).toMatchObject({ ok: false, message: 'dataUpdates.dataNoMirrors' });
    expect(asked).toEqual([]);
  });
});

/**
 * One sighting, one count, whatever the load: a block seen by two watchers is counted once even
 * when the second report arrives long after the first (a busy machine) or reaches a new
 * background after the MV3 worker was stopped (the recorder's memory is gone, storage is not).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Observation, Verdict } from '../detection/observation';
import type { MessageSender } from '../messaging/sender';
import { createBackground } from './create-background';
import { NEW_PAGE_GRACE_MS, SAME_SIGHTING_MS } from './recorder';
import { quietBackgroundDeps, TEST_EXTENSION_ID } from './test-deps';

/** Blocks on a `BLOCK:<service>` marker: these tests check the write path, not the rules. */
function fakeClassify(obs: Observation): Verdict {
  const m = /BLOCK:([a-z-]+)/.exec(`${obs.url ?? ''} ${obs.body ?? ''}`);
  if (!m) return { verdict: 'clean', service: null, product: null, ruleId: null, evidence: '' };
  const service = m[1] as string;
  return { verdict: 'block', service, product: 'web', ruleId: `${service}.test-rule`, evidence: m[0] };
}

let clock = Date.UTC(2026, 10, 5, 9);

/** A background as the worker builds it at start, on the browser's (shared, fake) storage. */
function startWorker() {
  return createBackground(quietBackgroundDeps({ classify: fakeClassify, now: () => clock }));
}

const GEMINI = 'https://gemini.google.com/app';
const tab = (tabId: number): MessageSender => ({
  id: TEST_EXTENSION_ID,
  url: GEMINI,
  frameId: 0,
  tab: { id: tabId, url: GEMINI },
});
const banner = { channel: 'page-text', observation: { kind: 'page', body: 'BLOCK:google banner' } } as const;

beforeEach(() => {
  fakeBrowser.reset();
  clock = Date.UTC(2026, 10, 5, 9);
});

describe('a block is counted once per sighting', () => {
  it('when the second report of the same sighting comes long after the first', async () => {
    const bg = startWorker();
    await bg.recorder.navigated(7, GEMINI);
    await bg.router.reportObservation(banner, tab(7));
    clock += SAME_SIGHTING_MS * 3; // a loaded machine delivers the second channel late
    await bg.router.reportObservation(banner, tab(7));
    expect((await bg.log.all()).map((event) => event.count)).toEqual([1]);
  });

  it('when the worker was stopped between the two reports', async () => {
    const first = startWorker();
    await first.recorder.navigated(7, GEMINI);
    await first.router.reportObservation(banner, tab(7));
    // The worker stops; the browser starts a new one for the next message. Nothing in memory survives.
    const second = startWorker();
    await second.router.reportObservation(banner, tab(7));
    expect((await second.log.all()).map((event) => event.count)).toEqual([1]);
  });

  it('when a hidden-URL "loading" event (a new tab\'s about:blank, unordered) lands between two reports', async () => {
    const bg = startWorker();
    await bg.recorder.navigated(7, GEMINI);
    await bg.router.reportObservation(banner, tab(7));
    await bg.recorder.navigated(7, null); // Firefox's late about:blank "loading", URL hidden
    clock += 400;
    await bg.router.reportObservation(banner, tab(7));
    expect((await bg.log.all()).map((event) => event.count)).toEqual([1]);
  });

  it('but a new document in the tab is a new sighting, in the same worker or a new one', async () => {
    const first = startWorker();
    await first.recorder.navigated(7, GEMINI);
    await first.router.reportObservation(banner, tab(7));
    clock += NEW_PAGE_GRACE_MS + 1_000;
    await first.recorder.navigated(7, GEMINI); // a reload
    await first.router.reportObservation(banner, tab(7));
    expect((await first.log.all()).map((event) => event.count)).toEqual([2]);
    const second = startWorker();
    await second.recorder.navigated(7, GEMINI);
    await second.router.reportObservation(banner, tab(7));
    expect((await second.log.all()).map((event) => event.count)).toEqual([3]);
  });

  it('and the same block in two tabs is two sightings on one row', async () => {
    const bg = startWorker();
    await bg.recorder.navigated(7, GEMINI);
    await bg.recorder.navigated(8, GEMINI);
    await Promise.all([
      bg.router.reportObservation(banner, tab(7)),
      bg.router.reportObservation(banner, tab(8)),
    ]);
    await bg.router.reportObservation(banner, tab(8));
    expect((await bg.log.all()).map((event) => event.count)).toEqual([2]);
  });
});

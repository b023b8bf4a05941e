/**
 * The engine's tables are built after a worker's first observation, in tasks of their own, so the
 * first banner a page shows does not build them on its way to the log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Observation, Verdict } from '../detection/observation';
import { WINDOW_MS } from '../watch/watch-windows';
import { type BackgroundDeps, createBackground, RECOGNISER_WARM_DELAY_MS } from './create-background';
import { quietBackgroundDeps } from './test-deps';

const CHATGPT = 'https://chatgpt.com/';

function startWorker(extra: Partial<BackgroundDeps>) {
  return createBackground(quietBackgroundDeps(extra));
}

const owner = { service: 'openai', product: 'chatgpt-web' };
/** ChatGPT's own block page text (reference/block-signatures.json, with its source). */
const CHATGPT_BLOCK = (
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'reference', 'block-signatures.json'), 'utf8'),
  ) as Array<{ id: string; body: string }>
).find((s) => s.id === 'chatgpt-unable-to-load-site-vpn')?.body as string;
const pageLoad: Observation = { kind: 'response', url: CHATGPT, status: 200, body: '' };

beforeEach(() => fakeBrowser.reset());

describe('building the engine ahead of need', () => {
  it('starts after the first observation is answered, one part per task, each scheduling the next', async () => {
    const tasks: Array<() => void> = [];
    const bg = startWorker({ defer: (task) => tasks.push(task) });
    expect(tasks).toHaveLength(0);
    const first = await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    expect(first).toEqual({ recorded: false, reason: 'clean' });
    // Nothing of it ran on the observation's own path: it waits in one task.
    expect(tasks).toHaveLength(1);
    await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    expect(tasks).toHaveLength(1);
    let ran = 0;
    while (tasks.length > 0) {
      (tasks.shift() as () => void)();
      ran++;
      expect(tasks.length).toBeLessThanOrEqual(1);
    }
    // Page text, responses, navigations, the recogniser.
    expect(ran).toBe(4);
    await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    expect(tasks).toHaveLength(0);
  });

  it('leaves verdicts as they were: a banner after the warm-up is still logged', async () => {
    const tasks: Array<() => void> = [];
    const bg = startWorker({ defer: (task) => tasks.push(task) });
    await bg.recorder.navigated(3, CHATGPT);
    await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    while (tasks.length > 0) (tasks.shift() as () => void)();
    const result = await bg.observe(
      { kind: 'page', url: CHATGPT, body: CHATGPT_BLOCK },
      { kind: 'page', url: CHATGPT, tabId: 3, tabUrl: CHATGPT, owner },
    );
    expect(result).toMatchObject({ recorded: true, event: { service: 'openai', kind: 'page' } });
  });

  it('is not scheduled for a stand-in engine', async () => {
    const tasks: Array<() => void> = [];
    const clean: Verdict = { verdict: 'clean', service: null, product: null, ruleId: null, evidence: '' };
    const bg = startWorker({ defer: (task) => tasks.push(task), classify: () => clean });
    await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    expect(tasks).toHaveLength(0);
  });

  it('is scheduled even when the first classification throws', async () => {
    const tasks: Array<() => void> = [];
    const bg = startWorker({
      defer: (task) => tasks.push(task),
      warmEngine: true,
      classify: () => {
        throw new Error('broken rule');
      },
      warn: () => {},
    });
    const result = await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    expect(result).toEqual({ recorded: false, reason: 'clean' });
    expect(tasks).toHaveLength(1);
  });
});

describe('the recogniser’s part of the warm-up', () => {
  it('waits for the long deferral (after a failed request’s watch window), the signatures’ parts do not', async () => {
    const soon: Array<() => void> = [];
    const late: Array<() => void> = [];
    const bg = startWorker({ defer: (task) => soon.push(task), deferLong: (task) => late.push(task) });
    await bg.observe(pageLoad, { kind: 'response', url: CHATGPT, tabId: 3, owner });
    let ran = 0;
    while (soon.length > 0) {
      (soon.shift() as () => void)();
      ran++;
    }
    // Page text, responses and navigations soon; the recogniser waits.
    expect(ran).toBe(3);
    expect(late).toHaveLength(1);
    (late.shift() as () => void)();
    expect(soon).toHaveLength(0);
    expect(late).toHaveLength(0);
  });

  it('is due once a failed request’s window is over', () => {
    expect(RECOGNISER_WARM_DELAY_MS).toBeGreaterThan(WINDOW_MS.failedRequest);
  });
});

/**
 * EventLog.amendEvidence (./event-log.ts): a later failure adds to an older row's evidence,
 * outside the dedupe window, without a second count; an event no longer in the log is left alone.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHUNK_SIZE, META_KEY } from './stored-format';
import { MIN, makeLog, report, stored, T0, TestClock } from './test-fixtures';

let clock: TestClock;
beforeEach(() => {
  fakeBrowser.reset();
  clock = new TestClock();
});

describe('EventLog: amendEvidence', () => {
  it('replaces the evidence of an older row, outside the dedupe window, and leaves count, times and totals alone', async () => {
    const log = makeLog(clock);
    const { event: first } = await log.append(report({ kind: 'unreachable', evidence: 'chatgpt.com: A' }));
    // Enough later events, hours later, that the first row is in an older chunk and not recent.
    for (let i = 0; i < CHUNK_SIZE + 5; i++) {
      clock.now = T0 + 3 * 60 * MIN + i * MIN;
      await log.append(
        report({ service: 'anthropic', url: `https://claude.ai/${i}`, tabUrl: `https://claude.ai/${i}` }),
      );
    }
    const before = await log.count();
    const amended = await log.amendEvidence(first, 'chatgpt.com: A; api.openai.com: <b>B</b>');
    expect(amended).toMatchObject({
      id: first.id,
      count: 1,
      firstSeen: first.firstSeen,
      lastSeen: first.lastSeen,
    });
    // Evidence is cleaned as on append: plain text only.
    expect(amended?.evidence).toMatch(/^chatgpt\.com: A; api\.openai\.com: B\s?$/);
    expect(await log.count()).toBe(before);
    const reread = (await makeLog(clock).all()).find((e) => e.id === first.id);
    expect(reread?.evidence).toBe(amended?.evidence);
    expect(reread?.count).toBe(1);
  });

  it('returns null for an event no longer in the log, and writes nothing', async () => {
    const log = makeLog(clock);
    const { event } = await log.append(report());
    await log.clear();
    const meta = await stored(META_KEY);
    expect(await log.amendEvidence(event, 'anything')).toBeNull();
    expect(await stored(META_KEY)).toEqual(meta);
  });
});

import { describe, expect, it } from 'vitest';
import { BENCH_TRACE, TraceLog } from './bench-trace';

/** A clock the test moves by hand. */
function clock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('BENCH_TRACE', () => {
  it('is off unless the build sets WXT_BENCH_TRACE=on', () => {
    expect(BENCH_TRACE).toBe(false);
  });
});

describe('TraceLog', () => {
  it('passes a wrapped method its arguments and its answer, and marks when it settled', async () => {
    const c = clock();
    const log = new TraceLog(100, c.now);
    let release: (v: string) => void = () => undefined;
    const area = {
      prefix: 'k:',
      get(key: string) {
        return new Promise<string>((resolve) => {
          release = (v) => resolve(this.prefix + key + v);
        });
      },
    };
    log.wrap(area, 'local', ['get']);
    const answer = area.get('a');
    c.advance(7);
    release('!');
    expect(await answer).toBe('k:a!');
    expect(log.entries).toEqual([{ what: 'local.get', at: 1000, ms: 7 }]);
  });

  it('marks a message with what its sender stamped and what the handler answered', async () => {
    const c = clock();
    const log = new TraceLog(100, c.now);
    const sent = { source: 'mutation', readAt: 990, sentAt: 995 };
    const answer = await log.message(
      'reportObservation',
      { id: 4, timestamp: 994, data: { channel: 'page-text', trace: sent } },
      async () => {
        c.advance(3);
        return { accepted: true, eventId: 'e1' };
      },
    );
    expect(answer).toEqual({ accepted: true, eventId: 'e1' });
    expect(log.entries[0]).toEqual({
      what: 'message.reportObservation',
      at: 1000,
      ms: 3,
      detail: { id: 4, timestamp: 994, channel: 'page-text', sent, answer },
    });
  });

  it('keeps at most its limit of marks', () => {
    const log = new TraceLog(2, () => 0);
    for (let i = 0; i < 5; i++) log.mark(`m${i}`);
    expect(log.entries.map((e) => e.what)).toEqual(['m0', 'm1']);
  });

  it('marks a late wake-up of the thread, not one on time', () => {
    const c = clock();
    const log = new TraceLog(100, c.now);
    const due: Array<() => void> = [];
    log.watchLag(10, 8, { setTimeout: (fn) => due.push(fn) });
    c.advance(12);
    due.shift()?.();
    expect(log.entries).toEqual([]);
    c.advance(40);
    due.shift()?.();
    expect(log.entries).toEqual([{ what: 'lag', at: 1022, detail: { ms: 30 } }]);
  });
});

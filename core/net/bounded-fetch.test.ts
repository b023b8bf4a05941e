import { describe, expect, it } from 'vitest';
import { boundedFetch, type FetchLike } from './bounded-fetch';

/** A response whose body arrives in the given chunks, with no content-length unless given. */
function answer(chunks: string[], headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

const fetchOf =
  (response: () => Response, seen: RequestInit[] = []): FetchLike =>
  async (_url, init) => {
    seen.push(init);
    return response();
  };

describe('boundedFetch', () => {
  it('sends no cookies, credentials or referrer, and passes the headers asked for', async () => {
    const seen: RequestInit[] = [];
    const result = await boundedFetch('https://example.com/a', {
      fetch: fetchOf(() => answer(['ok']), seen),
      timeoutMs: 5_000,
      maxBytes: 10,
      headers: { accept: 'application/json' },
      overLimit: 'reject',
    });
    expect(result).toMatchObject({ ok: true, response: { status: 200, body: 'ok' } });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/json' },
    });
  });

  it('keeps the first bytes of a long body when truncating', async () => {
    const result = await boundedFetch('https://example.com/', {
      fetch: fetchOf(() => answer(['abcdef', 'ghijkl', 'mnop'])),
      timeoutMs: 5_000,
      maxBytes: 8,
      overLimit: 'truncate',
    });
    expect(result.ok && result.response.body).toBe('abcdefgh');
  });

  it('rejects a body over the limit, whether it says so or streams it, and accepts one exactly at it', async () => {
    const options = { timeoutMs: 5_000, maxBytes: 8, overLimit: 'reject' as const };
    const streamed = await boundedFetch('https://example.com/', {
      ...options,
      fetch: fetchOf(() => answer(['abcdef', 'ghi'])),
    });
    expect(streamed).toMatchObject({ ok: false, failure: 'tooLarge' });
    const declared = await boundedFetch('https://example.com/', {
      ...options,
      fetch: fetchOf(() => answer(['a'], { 'content-length': '9000' })),
    });
    expect(declared).toMatchObject({ ok: false, failure: 'tooLarge', detail: '9000 bytes' });
    const exact = await boundedFetch('https://example.com/', {
      ...options,
      fetch: fetchOf(() => answer(['abcd', 'efgh'])),
    });
    expect(exact.ok && exact.response.body).toBe('abcdefgh');
  });

  it('tells a timeout from a network failure', async () => {
    const neverAnswers: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    expect(
      await boundedFetch('https://example.com/', {
        fetch: neverAnswers,
        timeoutMs: 1,
        maxBytes: 8,
        overLimit: 'truncate',
      }),
    ).toMatchObject({ ok: false, failure: 'timeout' });
    const refused: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(
      await boundedFetch('https://example.com/', {
        fetch: refused,
        timeoutMs: 5_000,
        maxBytes: 8,
        overLimit: 'reject',
      }),
    ).toMatchObject({ ok: false, failure: 'network', detail: 'Failed to fetch' });
  });
});

import { describe, expect, it } from 'vitest';
import { readBodyPrefix, type StreamFilterLike } from './response-body';
import { pickHeaders, redirectObservation, responseObservation } from './web-request';

function fakeFilter() {
  const written: Uint8Array[] = [];
  const f: StreamFilterLike & { written: Uint8Array[]; closed: boolean; disconnected: boolean } = {
    ondata: null,
    onstop: null,
    onerror: null,
    written,
    closed: false,
    disconnected: false,
    write: (d) => void written.push(new Uint8Array(d)),
    close() {
      f.closed = true;
    },
    disconnect() {
      f.disconnected = true;
    },
  };
  return f;
}
const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

describe('readBodyPrefix (Firefox filterResponseData)', () => {
  it('passes every chunk through untouched, in order, and decodes the body', () => {
    const f = fakeFilter();
    let got: string | null = null;
    readBodyPrefix(f, 'application/json; charset=utf-8', (t) => {
      got = t;
    });
    const parts = ['{"error":{"code":"unsupported_', 'country_region_territory"', ',"msg":"不支持"}}'];
    for (const p of parts) f.ondata?.({ data: bytes(p) });
    f.onstop?.({});
    expect(new TextDecoder().decode(Buffer.concat(f.written))).toBe(parts.join(''));
    expect(got).toBe(parts.join(''));
    expect(f.closed).toBe(true);
  });

  it('keeps at most the limit, then disconnects so the rest streams straight to the page', () => {
    const f = fakeFilter();
    let got = '';
    readBodyPrefix(
      f,
      undefined,
      (t) => {
        got = t;
      },
      10,
    );
    f.ondata?.({ data: bytes('0123456') });
    f.ondata?.({ data: bytes('789abcdef') });
    expect(got).toBe('0123456789');
    expect(f.disconnected).toBe(true);
    expect(new TextDecoder().decode(Buffer.concat(f.written))).toBe('0123456789abcdef');
  });

  it('decodes a declared legacy charset and falls back to UTF-8 for nonsense', () => {
    const f = fakeFilter();
    let got = '';
    readBodyPrefix(f, 'text/html; charset=bogus-charset', (t) => {
      got = t;
    });
    f.ondata?.({ data: bytes('ok') });
    f.onerror?.({});
    expect(got).toBe('ok');
  });
});

describe('webRequest observations', () => {
  it('keeps only relevant headers, lower-cased', () => {
    expect(
      pickHeaders([
        { name: 'CF-Mitigated', value: 'challenge' },
        { name: 'Set-Cookie', value: 'secret=1' },
        { name: 'Location', value: '/x' },
      ]),
    ).toEqual({ 'cf-mitigated': 'challenge', location: '/x' });
    expect(responseObservation({ url: 'https://api.openai.com/v1', statusCode: 403 })).toEqual({
      kind: 'response',
      url: 'https://api.openai.com/v1',
      status: 403,
      headers: {},
    });
    expect(
      redirectObservation({
        url: 'https://claude.ai/',
        redirectUrl: 'https://claude.com/app-unavailable-in-region',
        statusCode: 302,
      }),
    ).toEqual({
      kind: 'navigation',
      url: 'https://claude.com/app-unavailable-in-region',
      from: 'https://claude.ai/',
      status: 302,
    });
  });
});

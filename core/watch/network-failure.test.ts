import { describe, expect, it } from 'vitest';
import {
  classifyNetworkError,
  countsAsUnreachable,
  errorName,
  isNetworkFailure,
  NETWORK_ERRORS,
} from './network-failure';

/** The strings exactly as each browser's webRequest.onErrorOccurred passes them. */
const COUNTS = [
  // Chromium: net::ERR_<name> from net_error_list.h.
  'net::ERR_NAME_NOT_RESOLVED',
  'net::ERR_CONNECTION_RESET',
  'net::ERR_CONNECTION_REFUSED',
  'net::ERR_CONNECTION_CLOSED',
  'net::ERR_CONNECTION_TIMED_OUT',
  'net::ERR_TIMED_OUT',
  'net::ERR_ADDRESS_UNREACHABLE',
  'net::ERR_EMPTY_RESPONSE',
  'net::ERR_SSL_PROTOCOL_ERROR',
  'net::ERR_QUIC_PROTOCOL_ERROR',
  // Firefox: nsresult names from ErrorList.py, and the activity fallbacks of ChannelWrapper.
  'NS_ERROR_UNKNOWN_HOST',
  'NS_ERROR_CONNECTION_REFUSED',
  'NS_ERROR_NET_RESET',
  'NS_ERROR_NET_TIMEOUT',
  'NS_ERROR_NET_INTERRUPT',
  'NS_ERROR_NET_ON_CONNECTING_TO',
  'NS_ERROR_NET_ON_RESOLVING',
];

const DOES_NOT_COUNT: Array<[string | undefined, string]> = [
  ['net::ERR_ABORTED', 'aborted'],
  ['NS_BINDING_ABORTED', 'aborted'],
  ['net::ERR_BLOCKED_BY_CLIENT', 'blocked'],
  ['net::ERR_BLOCKED_BY_ADMINISTRATOR', 'blocked'],
  ['NS_ERROR_ABORT', 'blocked'],
  ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
  ['net::ERR_NETWORK_CHANGED', 'offline'],
  ['NS_ERROR_OFFLINE', 'offline'],
  ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy'],
  ['NS_ERROR_PROXY_CONNECTION_REFUSED', 'proxy'],
  // A failed CONNECT answered 502 or 504 by the user's proxy (nsHttp.cpp).
  ['NS_ERROR_PROXY_BAD_GATEWAY', 'proxy'],
  ['NS_ERROR_PROXY_GATEWAY_TIMEOUT', 'proxy'],
  ['net::ERR_CERT_AUTHORITY_INVALID', 'certificate'],
  // Firefox passes NSS's own sentence for TLS failures; it depends on the UI language.
  ["Peer's Certificate issuer is not recognized.", 'unknown'],
  ['net::ERR_SOMETHING_NEW', 'unknown'],
  ['ERR_CONNECTION_RESET_BUT_LONGER', 'unknown'],
  ['', 'unknown'],
  [undefined, 'unknown'],
];

describe('classifyNetworkError', () => {
  it.each(COUNTS)('%s says the service could not be reached', (error) => {
    expect(countsAsUnreachable(error)).toBe(true);
    expect(isNetworkFailure(error)).toBe(true);
  });

  it.each(DOES_NOT_COUNT)('%s does not count (%s)', (error, cls) => {
    expect(classifyNetworkError(error)).toBe(cls);
    expect(countsAsUnreachable(error)).toBe(false);
  });

  it('keeps proxy and certificate failures as route trouble for the exit-country check only', () => {
    expect(isNetworkFailure('net::ERR_PROXY_CONNECTION_FAILED')).toBe(true);
    expect(isNetworkFailure('net::ERR_CERT_DATE_INVALID')).toBe(true);
    for (const e of [
      'net::ERR_ABORTED',
      'NS_BINDING_ABORTED',
      'net::ERR_BLOCKED_BY_CLIENT',
      'NS_ERROR_OFFLINE',
      '',
    ]) {
      expect(isNetworkFailure(e), e).toBe(false);
    }
  });

  it('names an error without Chromium prefix and matches names exactly, not by a word inside', () => {
    expect(errorName('net::ERR_CONNECTION_REFUSED')).toBe('ERR_CONNECTION_REFUSED');
    expect(errorName(' NS_ERROR_NET_RESET ')).toBe('NS_ERROR_NET_RESET');
    // A page cannot invent a string that counts by containing a known word.
    expect(classifyNetworkError('my CONNECTION_RESET story')).toBe('unknown');
  });

  it('lists each name once, with the shape its browser writes', () => {
    const names = NETWORK_ERRORS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of NETWORK_ERRORS) {
      expect(e.name, e.name).toMatch(e.browser === 'chromium' ? /^ERR_[A-Z0-9_]+$/ : /^NS_[A-Z0-9_]+$/);
    }
  });
});

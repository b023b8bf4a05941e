/**
 * What a webRequest error string says about the network, in both browsers' words.
 *
 * Owns: the table of error names Detour understands (data, with sources), and the one question
 * every caller asks of them: does this failure say the service could not be reached from here
 * (`counts`), or was it something else: a cancelled request, a block by the browser or another
 * extension, the browser being offline, a proxy or certificate problem of the user's own setup?
 * Pure; it never touches the browser.
 *
 * Where the strings come from:
 * - Chromium passes `net::ERR_<NAME>` (webRequest's `error`), the names of
 *   net/base/net_error_list.h. Chrome's docs say the string is not guaranteed to stay the same
 *   between releases, so an unknown name never counts.
 * - Firefox passes the nsresult's name from xpcom/base/ErrorList.py (ChannelWrapper::GetErrorString
 *   calls GetErrorName), except for TLS failures, where it passes NSS's own message: a sentence
 *   that depends on the UI language, which Detour does not try to read (an unknown string: it
 *   does not count). When a request stops without an error status Firefox reports the activity it
 *   stopped in (`NS_ERROR_NET_ON_RESOLVING`, `NS_ERROR_NET_ON_CONNECTING_TO`, …:
 *   ChannelWrapper::ActivityErrorFallbackCheck, toolkit/components/extensions/webrequest).
 * - Behind an HTTP proxy, Firefox turns the status of a failed CONNECT into an error
 *   (HttpProxyResponseToErrorCode in netwerk/protocol/http/nsHttp.cpp, called from
 *   nsHttpChannel::ProcessFailedProxyConnect): 404, 400 and 500 become NS_ERROR_UNKNOWN_HOST
 *   ("Squid sends 404 if DNS fails"), 503 NS_ERROR_CONNECTION_REFUSED. Those say the proxy could
 *   not reach the service, so they count like the same failures without a proxy (seen in real
 *   Firefox ESR: webRequest reports NS_ERROR_UNKNOWN_HOST for a CONNECT answered 404). 502 and
 *   504 become NS_ERROR_PROXY_BAD_GATEWAY and NS_ERROR_PROXY_GATEWAY_TIMEOUT: trouble on the
 *   user's own route, like Chromium's ERR_TUNNEL_CONNECTION_FAILED, and not counted.
 */

/** What a failure says, from "the service could not be reached" to "nothing about the network". */
export type FailureClass =
  /** The name did not resolve: DNS answered nothing, or nothing usable. */
  | 'dns'
  /** A connection was refused, reset, closed, or timed out. */
  | 'connection'
  /** The TLS or QUIC handshake failed at the protocol level (not a certificate the user can inspect). */
  | 'tls'
  /** The user's own proxy failed: the route may have changed, but the service was never asked. */
  | 'proxy'
  /** A certificate error: the user's clock, a corporate inspector, or an interception. Not counted. */
  | 'certificate'
  /** The browser is offline or the network changed under the request. */
  | 'offline'
  /** The user or the page cancelled the request (navigated away, closed the tab, aborted a fetch). */
  | 'aborted'
  /** Blocked by another extension, the browser, an administrator's policy or the page's own policy. */
  | 'blocked'
  /** A name Detour does not know: never counted. */
  | 'unknown';

export interface NetworkErrorEntry {
  /** The name as the browser writes it, without Chromium's `net::` prefix. */
  name: string;
  browser: 'chromium' | 'firefox';
  class: FailureClass;
}

const CHROMIUM_SOURCE = 'https://source.chromium.org/chromium/chromium/src/+/main:net/base/net_error_list.h';
const FIREFOX_SOURCE = 'https://searchfox.org/mozilla-central/source/xpcom/base/ErrorList.py';
const FIREFOX_ACTIVITY_SOURCE =
  'https://searchfox.org/mozilla-central/source/toolkit/components/extensions/webrequest/ChannelWrapper.cpp';
const FIREFOX_PROXY_CONNECT_SOURCE =
  'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttp.cpp';

/** The sources the table below was read from (read 2026-12-05; the files carry no date of their own). */
export const NETWORK_ERROR_SOURCES = {
  chromium: CHROMIUM_SOURCE,
  chromiumWebRequest:
    'https://developer.chrome.com/docs/extensions/reference/api/webRequest#event-onErrorOccurred',
  firefox: FIREFOX_SOURCE,
  firefoxActivity: FIREFOX_ACTIVITY_SOURCE,
  firefoxProxyConnect: FIREFOX_PROXY_CONNECT_SOURCE,
  firefoxWebRequest:
    'https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/onErrorOccurred',
} as const;

const chromium = (cls: FailureClass, names: string[]): NetworkErrorEntry[] =>
  names.map((name) => ({ name, browser: 'chromium', class: cls }));
const firefox = (cls: FailureClass, names: string[]): NetworkErrorEntry[] =>
  names.map((name) => ({ name, browser: 'firefox', class: cls }));

/**
 * Every name Detour classifies. Each Chromium name is in net_error_list.h, each Firefox name in
 * ErrorList.py or ChannelWrapper.cpp (NETWORK_ERROR_SOURCES); network-failure.test.ts runs them.
 */
export const NETWORK_ERRORS: readonly NetworkErrorEntry[] = [
  ...chromium('dns', [
    'ERR_NAME_NOT_RESOLVED',
    'ERR_NAME_RESOLUTION_FAILED',
    'ERR_DNS_TIMED_OUT',
    'ERR_DNS_SERVER_FAILED',
  ]),
  ...chromium('connection', [
    'ERR_CONNECTION_RESET',
    'ERR_CONNECTION_REFUSED',
    'ERR_CONNECTION_CLOSED',
    'ERR_CONNECTION_TIMED_OUT',
    'ERR_CONNECTION_ABORTED',
    'ERR_CONNECTION_FAILED',
    'ERR_TIMED_OUT',
    'ERR_ADDRESS_UNREACHABLE',
    'ERR_EMPTY_RESPONSE',
  ]),
  ...chromium('tls', [
    'ERR_SSL_PROTOCOL_ERROR',
    'ERR_SSL_VERSION_OR_CIPHER_MISMATCH',
    'ERR_QUIC_PROTOCOL_ERROR',
    'ERR_QUIC_HANDSHAKE_FAILED',
  ]),
  ...chromium('proxy', [
    'ERR_PROXY_CONNECTION_FAILED',
    'ERR_TUNNEL_CONNECTION_FAILED',
    'ERR_SOCKS_CONNECTION_FAILED',
    'ERR_SOCKS_CONNECTION_HOST_UNREACHABLE',
    'ERR_MANDATORY_PROXY_CONFIGURATION_FAILED',
    'ERR_PROXY_CERTIFICATE_INVALID',
  ]),
  ...chromium('certificate', [
    'ERR_CERT_AUTHORITY_INVALID',
    'ERR_CERT_COMMON_NAME_INVALID',
    'ERR_CERT_DATE_INVALID',
    'ERR_CERT_INVALID',
    'ERR_CERT_REVOKED',
    'ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN',
  ]),
  ...chromium('offline', ['ERR_INTERNET_DISCONNECTED', 'ERR_NETWORK_CHANGED', 'ERR_NETWORK_IO_SUSPENDED']),
  ...chromium('aborted', ['ERR_ABORTED']),
  ...chromium('blocked', [
    'ERR_BLOCKED_BY_CLIENT',
    'ERR_BLOCKED_BY_ADMINISTRATOR',
    'ERR_BLOCKED_BY_RESPONSE',
    'ERR_BLOCKED_BY_CSP',
    'ERR_BLOCKED_BY_ORB',
    'ERR_NETWORK_ACCESS_DENIED',
  ]),
  ...firefox('dns', [
    'NS_ERROR_UNKNOWN_HOST',
    'NS_ERROR_DEFINITIVE_UNKNOWN_HOST',
    'NS_ERROR_NET_ON_RESOLVING',
  ]),
  ...firefox('connection', [
    'NS_ERROR_CONNECTION_REFUSED',
    'NS_ERROR_NET_RESET',
    'NS_ERROR_NET_TIMEOUT',
    'NS_ERROR_NET_INTERRUPT',
    'NS_ERROR_NET_ON_RESOLVED',
    'NS_ERROR_NET_ON_CONNECTING_TO',
  ]),
  ...firefox('tls', ['NS_ERROR_NET_HTTP3_PROTOCOL_ERROR']),
  ...firefox('proxy', [
    'NS_ERROR_PROXY_CONNECTION_REFUSED',
    'NS_ERROR_UNKNOWN_PROXY_HOST',
    'NS_ERROR_PROXY_BAD_GATEWAY',
    'NS_ERROR_PROXY_GATEWAY_TIMEOUT',
  ]),
  ...firefox('offline', ['NS_ERROR_OFFLINE']),
  ...firefox('aborted', ['NS_BINDING_ABORTED', 'NS_ERROR_DOCSHELL_DYING']),
  // A webRequest listener that cancels a request makes it fail with NS_ERROR_ABORT.
  ...firefox('blocked', ['NS_ERROR_ABORT', 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED']),
];

const BY_NAME = new Map(NETWORK_ERRORS.map((e) => [e.name, e.class]));

/** The classes that say the service's hosts could not be reached from this network. */
export const UNREACHABLE_CLASSES: ReadonlySet<FailureClass> = new Set(['dns', 'connection', 'tls']);

/** The error's name as stored and shown: Chromium's without `net::`, Firefox's as given. */
export function errorName(error: string | undefined): string {
  const trimmed = (error ?? '').trim();
  return trimmed.startsWith('net::') ? trimmed.slice(5) : trimmed;
}

export function classifyNetworkError(error: string | undefined): FailureClass {
  const name = errorName(error);
  if (!name) return 'unknown';
  return BY_NAME.get(name) ?? 'unknown';
}

/** Whether this failure says the service could not be reached (DNS, connection, TLS/QUIC). */
export function countsAsUnreachable(error: string | undefined): boolean {
  return UNREACHABLE_CLASSES.has(classifyNetworkError(error));
}

/**
 * Whether a webRequest error says the route may have changed (everything that counts as
 * unreachable, plus the user's proxy and certificate failures), so the exit-country check may run
 * again at once. Cancelled, blocked and offline requests are not.
 */
export function isNetworkFailure(error: string | undefined): boolean {
  const cls = classifyNetworkError(error);
  return UNREACHABLE_CLASSES.has(cls) || cls === 'proxy' || cls === 'certificate';
}

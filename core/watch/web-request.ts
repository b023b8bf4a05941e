/**
 * Turning what webRequest reports into Observations for the engine. Pure: the background's
 * listeners pass the details objects in. Status alone never makes a block; the engine decides
 * with the URL and headers given here, and with the body where one is read (Firefox filter,
 * content scripts).
 */
import type { Observation } from '../detection/observation';

/** Headers that carry block evidence or tell a block from a look-alike; nothing else is kept. */
export const RELEVANT_HEADERS = [
  'cf-mitigated',
  'location',
  'content-type',
  'server',
  'cf-ray',
  'retry-after',
];

export interface HeaderLike {
  name: string;
  value?: string;
}

export function pickHeaders(headers: HeaderLike[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers ?? []) {
    const name = h.name.toLowerCase();
    if (RELEVANT_HEADERS.includes(name) && h.value !== undefined) out[name] = h.value.slice(0, 1024);
  }
  return out;
}

export function responseObservation(details: {
  url: string;
  statusCode: number;
  responseHeaders?: HeaderLike[];
  body?: string;
}): Observation {
  const obs: Observation = {
    kind: 'response',
    url: details.url,
    status: details.statusCode,
    headers: pickHeaders(details.responseHeaders),
  };
  if (details.body !== undefined) obs.body = details.body;
  return obs;
}

export function redirectObservation(details: {
  url: string;
  redirectUrl: string;
  statusCode: number;
}): Observation {
  return { kind: 'navigation', url: details.redirectUrl, from: details.url, status: details.statusCode };
}

export function navigationObservation(url: string, from: string | undefined): Observation {
  return from ? { kind: 'navigation', url, from } : { kind: 'navigation', url };
}

/**
 * Whether a webRequest error says the network failed (connection reset, refused, timed out, proxy
 * or TLS failure, name not resolved): a route that may have changed, so the exit-country check may
 * run again at once. Cancelled requests (a page navigating away, a closed tab) are not failures.
 */
export function isNetworkFailure(error: string | undefined): boolean {
  if (!error) return false;
  if (/ABORTED|NS_BINDING_ABORTED|NS_ERROR_ABORT|BLOCKED_BY_CLIENT|CANCELED|CANCELLED/i.test(error))
    return false;
  return /CONNECTION|TIMED_OUT|TIMEOUT|NAME_NOT_RESOLVED|UNKNOWN_HOST|PROXY|TUNNEL|SSL|CERT|NETWORK|NET_RESET|ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|NS_ERROR_NET/i.test(
    error,
  );
}

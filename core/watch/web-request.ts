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

/** Kept here for the callers that read webRequest details; the table lives in network-failure.ts. */
export { isNetworkFailure } from './network-failure';

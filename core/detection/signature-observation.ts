/**
 * Turns an entry of the reference signatures (reference/block-signatures.json) into the
 * Observation a watcher would have made of it. Used by the tests and the benchmark, never by
 * the extension.
 *
 * The mapping is mechanical, from the entry's own fields:
 * - `url` "A -> B" is a redirect: the tab came from A and is at B. A `url` that is not an
 *   http(s) URL (a terminal, an editor, "host not quoted") means there is no URL: a `text`.
 * - `channel` api and status are responses; page and banner are page text; redirect is a
 *   response when it has a 3xx status, else page text at the target (or a bare navigation when
 *   the body only describes the redirect, in parentheses).
 */
import * as v from 'valibot';
import { hostOf } from '../services';
import type { Observation } from './observation';

export const ReferenceSignature = v.looseObject({
  id: v.string(),
  service: v.string(),
  channel: v.picklist(['api', 'page', 'banner', 'redirect', 'status']),
  expect: v.picklist(['block', 'clean']),
  lang: v.string(),
  http_status: v.nullable(v.number()),
  url: v.string(),
  headers: v.record(v.string(), v.string()),
  body: v.string(),
  source: v.pipe(v.string(), v.minLength(1)),
  paraphrase: v.boolean(),
  notes: v.string(),
});
export type ReferenceSignature = v.InferOutput<typeof ReferenceSignature>;

/** The first word of `text` when it is an http(s) URL with a real host. */
function urlIn(text: string | undefined): string | undefined {
  const word = text?.trim().split(/\s+/)[0];
  return word !== undefined && hostOf(word) !== null ? word : undefined;
}

export function observationOf(signature: ReferenceSignature): Observation {
  const [left, right] = signature.url.split(' -> ');
  const url = urlIn(right ?? left);
  const from = right === undefined ? undefined : urlIn(left);
  const id = signature.id;
  if (url === undefined) return { id, kind: 'text', body: signature.body };
  const status = signature.http_status ?? undefined;
  const headers = signature.headers;
  const base = { id, url, ...(from ? { from } : {}), ...(status !== undefined ? { status } : {}), headers };
  switch (signature.channel) {
    case 'api':
    case 'status':
      return { ...base, kind: 'response', body: signature.body };
    case 'page':
    case 'banner':
      return { ...base, kind: 'page', body: signature.body };
    case 'redirect':
      if (status !== undefined && status >= 300 && status < 400)
        return { ...base, kind: 'response', body: signature.body };
      if (signature.body.startsWith('(')) return { ...base, kind: 'navigation' };
      return { ...base, kind: 'page', body: signature.body };
  }
}

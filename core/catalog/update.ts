/**
 * The optional catalog update (off by default). A user-set https URL serves JSON holding a newer
 * platforms catalog and/or newer region lists. It replaces the bundled data only when it parses,
 * passes the same schemas (https everywhere except local runtimes on localhost), and is newer;
 * otherwise the current data stays and the caller shows why. Data only: nothing fetched is ever
 * run as code.
 */
import * as v from 'valibot';
import { boundedFetch } from '../net/bounded-fetch';
import { type RegionsData, RegionsData as RegionsDataSchema } from '../regions/schema';
import { Catalog, type Catalog as CatalogType } from './schema';

export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

/** What an update document may hold: either part or both. */
export const CatalogUpdate = v.pipe(
  v.object({
    kind: v.literal('detour-catalog-update'),
    platforms: v.optional(Catalog),
    regions: v.optional(RegionsDataSchema),
  }),
  v.check(
    (u) => u.platforms !== undefined || u.regions !== undefined,
    'the update holds neither platforms nor regions',
  ),
);

export type UpdateRejection =
  | 'updateTooLarge'
  | 'updateNotJson'
  | 'updateInvalid'
  | 'updateNotNewer'
  | 'updateNotHttps'
  | 'updateHttpError'
  | 'updateTimeout'
  | 'updateNetworkError';

export type UpdateValidation =
  | { ok: true; platforms?: CatalogType; regions?: RegionsData }
  | { ok: false; reason: UpdateRejection; detail: string };

export function validateCatalogUpdate(
  jsonText: string,
  current: { platforms: Pick<CatalogType, 'version'>; regions: Pick<RegionsData, 'version'> },
): UpdateValidation {
  if (new TextEncoder().encode(jsonText).byteLength > MAX_UPDATE_BYTES) {
    return { ok: false, reason: 'updateTooLarge', detail: `more than ${MAX_UPDATE_BYTES} bytes` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, reason: 'updateNotJson', detail: (error as Error).message.slice(0, 200) };
  }
  const result = v.safeParse(CatalogUpdate, parsed);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    return {
      ok: false,
      reason: 'updateInvalid',
      detail: `${path ?? '(root)'}: ${issue?.message ?? 'invalid'}`.slice(0, 300),
    };
  }
  const { platforms, regions } = result.output;
  // Each part must be newer than what is in use; an update never rolls back.
  if (platforms && platforms.version <= current.platforms.version) {
    return {
      ok: false,
      reason: 'updateNotNewer',
      detail: `platforms version ${platforms.version} is not newer than ${current.platforms.version}`,
    };
  }
  if (regions && regions.version <= current.regions.version) {
    return {
      ok: false,
      reason: 'updateNotNewer',
      detail: `regions version ${regions.version} is not newer than ${current.regions.version}`,
    };
  }
  return { ok: true, ...(platforms ? { platforms } : {}), ...(regions ? { regions } : {}) };
}

export type UpdateFetch = { ok: true; text: string } | { ok: false; reason: UpdateRejection; detail: string };

/** Fetches the update document: https only, no credentials, bounded in size and time. */
export async function fetchCatalogUpdate(
  url: string,
  deps: {
    fetch: (url: string, init: RequestInit) => Promise<Response>;
    timeoutMs?: number;
    maxBytes?: number;
  },
): Promise<UpdateFetch> {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { ok: false, reason: 'updateNotHttps', detail: 'not a URL' };
  }
  if (parsedUrl.protocol !== 'https:')
    return { ok: false, reason: 'updateNotHttps', detail: parsedUrl.protocol };
  const maxBytes = deps.maxBytes ?? MAX_UPDATE_BYTES;
  const result = await boundedFetch(parsedUrl.href, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? FETCH_TIMEOUT_MS,
    maxBytes,
    headers: { accept: 'application/json' },
    overLimit: 'reject',
  });
  if (!result.ok) {
    const reason = {
      timeout: 'updateTimeout',
      network: 'updateNetworkError',
      tooLarge: 'updateTooLarge',
    } as const;
    return { ok: false, reason: reason[result.failure], detail: result.detail };
  }
  const { response } = result;
  if (response.url && !response.url.startsWith('https://')) {
    return { ok: false, reason: 'updateNotHttps', detail: 'redirected away from https' };
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, reason: 'updateHttpError', detail: `HTTP ${response.status}` };
  }
  return { ok: true, text: response.body };
}

/**
 * Schema of the published served/refused region lists (core/regions/regions.json and updates).
 * One list per service product, as the service publishes it: `allow` names where it works (any
 * other exit country is not served), `deny` names where it does not. Codes are ISO 3166-1
 * alpha-2; every list carries its source and the date it was true.
 */
import * as v from 'valibot';
import { FullDate, HttpsUrl } from '../catalog/schema';

const Code = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'));
const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/));

export const RegionList = v.pipe(
  v.object({
    id: Slug,
    /** Detour's service and product slugs (core/services/services.json). */
    service: Slug,
    product: Slug,
    /** Other products of the same service the same list applies to, e.g. the API's console. */
    alsoCovers: v.optional(v.array(Slug)),
    mode: v.picklist(['allow', 'deny']),
    regions: v.pipe(v.array(Code), v.minLength(1)),
    /** Listed with a sub-national carve-out the exit country cannot see (e.g. parts of Ukraine). */
    partial: v.optional(v.array(v.object({ code: Code, detail: v.pipe(v.string(), v.minLength(1)) }))),
    /** Codes the service lists that are not assigned ISO codes (Kosovo, XK). */
    extraCodes: v.optional(v.array(Code)),
    /** Codes on which the sources disagree or which could not be read: decided as "unknown". */
    uncertain: v.optional(v.object({ codes: v.array(Code), why: v.pipe(v.string(), v.minLength(1)) })),
    source: HttpsUrl,
    alsoRead: v.optional(v.array(HttpsUrl)),
    asOf: FullDate,
    /** What the date is: the page's own, an automated sync, a commit, or the day it was read. */
    asOfBasis: v.picklist(['page-date', 'sync-date', 'commit-date', 'read-date']),
    sourceKind: v.picklist(['primary', 'secondary']),
    confidence: v.picklist(['normal', 'low']),
  }),
  v.check((l) => new Set(l.regions).size === l.regions.length, 'duplicate codes in a list'),
);
export type RegionList = v.InferOutput<typeof RegionList>;

export const RegionsData = v.pipe(
  v.object({
    kind: v.literal('detour-regions'),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    asOf: FullDate,
    derivedFrom: v.optional(v.string()),
    lists: v.pipe(v.array(RegionList), v.minLength(1)),
  }),
  v.check((d) => {
    const keys = d.lists.flatMap((l) => [l.product, ...(l.alsoCovers ?? [])].map((p) => `${l.service}/${p}`));
    return new Set(keys).size === keys.length;
  }, 'each service product may have only one list'),
);
export type RegionsData = v.InferOutput<typeof RegionsData>;

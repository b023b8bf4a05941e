/**
 * The signed data bundle: detection rules, the platform catalog and the region lists in one JSON
 * document, the same data that ships in the build. It is data only: nothing in it is ever run as
 * code, and every part passes the schema the bundled copy passes.
 */
import * as v from 'valibot';
import { Catalog } from '../catalog/schema';
import { compileRules, loadRules } from '../detection/engine';
import { RegionsData } from '../regions/schema';

export const DATA_BUNDLE_KIND = 'detour-data';

const FullDate = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));

export const DataBundle = v.object({
  kind: v.literal(DATA_BUNDLE_KIND),
  /** Grows with every published bundle; a bundle is accepted only when newer than the one in use. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  /** The day the bundle was built: what options shows as "data as of". */
  asOf: FullDate,
  platforms: Catalog,
  regions: RegionsData,
  /** Rule files as in core/detection/rules (validated and compiled before acceptance). */
  rules: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(200)),
});
export type DataBundle = v.InferOutput<typeof DataBundle>;

export type BundleCheck = { ok: true; bundle: DataBundle } | { ok: false; detail: string };

/** Parses and validates a bundle's text, rules included (they must load and compile). */
export function parseBundle(text: string): BundleCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, detail: `not JSON: ${(error as Error).message.slice(0, 120)}` };
  }
  const parsed = v.safeParse(DataBundle, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return {
      ok: false,
      detail: `${issue ? (v.getDotPath(issue) ?? '(root)') : '(root)'}: ${issue?.message ?? 'invalid'}`.slice(
        0,
        300,
      ),
    };
  }
  try {
    compileRules(loadRules(parsed.output.rules));
  } catch (error) {
    return { ok: false, detail: `rules: ${(error as Error).message.slice(0, 200)}` };
  }
  return { ok: true, bundle: parsed.output };
}

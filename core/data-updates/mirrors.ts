/**
 * Where signed data bundles are fetched from: a list of https base URLs fixed at build time
 * (`WXT_DATA_MIRRORS`, comma-separated; none by default, so a default build never fetches).
 * Each mirror serves `detour-data.json` and `detour-data.json.sig` (README: "Data updates").
 */
export const BUNDLE_FILE = 'detour-data.json';
export const SIGNATURE_FILE = 'detour-data.json.sig';

/** The https mirrors in a comma-separated list; anything else in it is dropped. */
export function parseMirrors(list: string | undefined): string[] {
  const out: string[] = [];
  for (const part of (list ?? '').split(',')) {
    const text = part.trim();
    if (!text) continue;
    try {
      const url = new URL(text);
      if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) continue;
      const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
      if (!out.includes(base)) out.push(base);
    } catch {
      // Not a URL: dropped.
    }
  }
  return out;
}

export const BUILD_MIRRORS: readonly string[] = parseMirrors(import.meta.env?.WXT_DATA_MIRRORS);

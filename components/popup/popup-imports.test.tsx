/**
 * The popup stays small (<= 45 KB gzip) because the catalog, the region lists and the
 * engine stay in the background; the popup asks for them over messages. This walks the popup's
 * runtime imports from its entrypoint (type-only imports vanish from the build) and fails if
 * any path reaches them again, e.g. a shared component importing core/catalog.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
// core/detection/observation.ts is only the message's schema (the protocol validates with it), not the engine.
const HEAVY = [/^core\/catalog\//, /^core\/regions\//, /^core\/detection\/(?!observation\.ts$)/];

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every file the entry reaches through runtime imports (static or dynamic), with one path to it. */
function runtimeGraph(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const code = readFileSync(file, 'utf8');
    const specs = [
      ...code.matchAll(/^\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm),
      ...code.matchAll(/^\s*export\s+(?!type\s)[^'";]*?\sfrom\s+['"](\.[^'"]+)['"]/gm),
      ...code.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] as string);
    for (const spec of specs) {
      if (/\.(css|json)$/.test(spec)) {
        const target = resolve(dirname(file), spec);
        if (!reached.has(target)) reached.set(target, [...(reached.get(file) ?? []), target]);
        continue;
      }
      const target = resolveModule(file, spec);
      if (!target || reached.has(target)) continue;
      reached.set(target, [...(reached.get(file) ?? []), target]);
      queue.push(target);
    }
  }
  return reached;
}

describe('popup bundle', () => {
  it('reaches neither core/catalog, core/regions nor the engine', () => {
    const graph = runtimeGraph(join(ROOT, 'entrypoints/popup/main.tsx'));
    const files = [...graph.keys()].map((f) => relative(ROOT, f));
    // The walker works: it finds the popup's own pieces.
    expect(files).toContain('components/popup/Popup.tsx');
    expect(files).toContain('components/catalog-remote.ts');
    const heavy = [...graph.entries()]
      .filter(([file]) => HEAVY.some((re) => re.test(relative(ROOT, file))))
      .map(([, path]) => path.map((f) => relative(ROOT, f)).join(' → '));
    expect(heavy).toEqual([]);
  });

  it('the first paint reaches neither Preact, valibot, the polyfill nor the storage module', () => {
    const graph = runtimeGraph(join(ROOT, 'entrypoints/popup-first-paint.ts'));
    const files = [...graph.keys()].map((f) => relative(ROOT, f));
    expect(files).toContain('components/first-paint/paint-snapshot.ts');
    const packages = [...graph.keys()].flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /^\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'".][^'"]*)['"]/gm,
        ),
      ].map((m) => m[1]),
    );
    expect(packages).toEqual(['wxt/utils/define-unlisted-script']);
  });

  it('the options page still reaches the catalog (the walker would see it)', () => {
    const graph = runtimeGraph(join(ROOT, 'entrypoints/options/main.tsx'));
    expect([...graph.keys()].some((f) => relative(ROOT, f).startsWith('core/catalog/'))).toBe(true);
  });
});

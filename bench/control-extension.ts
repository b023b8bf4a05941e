/**
 * The third arm of the streaming comparison: a tiny extension with Detour's content-script
 * matches whose MutationObserver does nothing. Detour minus control = Detour's own work;
 * control minus no extension = the cost of observing at all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface ContentScript {
  matches: string[];
  run_at?: string;
  world?: string;
  all_frames?: boolean;
}

/** Writes the control extension into `dir` from Detour's built manifest; returns its matches. */
export function writeControlExtension(detourDir: string, dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(detourDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: ContentScript[];
  };
  // Only isolated-world scripts observe the DOM; a MAIN-world network tap has no observer to mirror.
  const isolated = (manifest.content_scripts ?? []).filter((c) => c.world !== 'MAIN');
  const matches = [...new Set(isolated.flatMap((c) => c.matches))];
  if (matches.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(
      {
        manifest_version: 3,
        name: 'Detour bench control (observer does nothing)',
        version: '1.0.0',
        content_scripts: [
          {
            matches,
            js: ['observer.js'],
            run_at: isolated[0]?.run_at ?? 'document_idle',
            all_frames: isolated[0]?.all_frames ?? false,
          },
        ],
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'observer.js'),
    'new MutationObserver(() => {}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });\n',
  );
  return matches;
}

/**
 * 6. What each part of the build weighs: every content script, the background and the popup
 * (its HTML plus the scripts and styles it loads statically), as shipped and gzipped.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import type { BenchEnv } from './env';
import { measuredValue, notAvailable, type Section } from './report';

interface Weighed {
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** What esbuild's minifier makes of the JavaScript, to show whether the build is minified. */
  minifiedBytes: number;
}

const gzip = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

async function weigh(dir: string, files: string[]): Promise<Weighed> {
  let bytes = 0;
  let gzipBytes = 0;
  let minifiedBytes = 0;
  for (const file of files) {
    const buf = readFileSync(join(dir, file));
    bytes += buf.length;
    gzipBytes += gzip(buf);
    if (file.endsWith('.js')) {
      const min = await transform(buf.toString('utf8'), { minify: true, loader: 'js', format: 'esm' });
      minifiedBytes += Buffer.byteLength(min.code);
    } else {
      minifiedBytes += buf.length;
    }
  }
  return { files, bytes, gzipBytes, minifiedBytes };
}

/** Scripts and styles an extension page loads before it runs: <script src>, <link href>, static imports. */
export function staticGraph(dir: string, htmlFile: string): string[] {
  return staticGraphFromFiles((file) => readFileSync(join(dir, file), 'utf8'), htmlFile);
}

export function staticGraphFromFiles(read: (file: string) => string, htmlFile: string): string[] {
  const html = read(htmlFile);
  const found = new Set<string>([htmlFile]);
  const queue: string[] = [];
  const add = (from: string, ref: string) => {
    if (/^(https?:|data:|chrome-extension:)/.test(ref)) return;
    const path = ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(from), ref);
    if (!found.has(path)) {
      found.add(path);
      if (path.endsWith('.js')) queue.push(path);
    }
  };
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g))
    add(htmlFile, m[1] as string);
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const code = read(file);
    // Static imports only (`import"./x.js"`, `from"./x.js"`); dynamic import() loads later.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+\.(?:js|css))["'`]/g))
      add(file, m[1] as string);
  }
  return [...found].filter((f) => !f.endsWith('.html') || f === htmlFile);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function measureSizes(env: BenchEnv): Promise<Section> {
  const dir = env.detourDir;
  const section: Section = {
    id: 'sizes',
    title: '6. Sizes (as shipped by the production build, and gzip -9)',
    figures: [],
    notes: [],
  };
  const contentScripts = (env.manifest.content_scripts ?? []).flatMap((c) => [
    ...(c.js ?? []),
    ...(c.css ?? []),
  ]);
  const unique = [...new Set(contentScripts)];
  const contentTarget = { op: '<=' as const, value: 12 * 1024, on: 'value' as const };
  if (unique.length === 0) {
    section.figures.push(
      notAvailable(
        {
          id: 'size.contentScripts.gzip',
          label: 'Content scripts together, gzip',
          unit: 'bytes',
          target: contentTarget,
        },
        'the build has no content scripts yet',
      ),
    );
  } else {
    let total = 0;
    for (const file of unique) {
      const w = await weigh(dir, [file]);
      total += w.gzipBytes;
      section.figures.push(
        measuredValue(
          { id: `size.content.${file}`, label: `Content script ${file}, as shipped`, unit: 'bytes' },
          w.bytes,
        ),
        measuredValue(
          { id: `size.content.${file}.gzip`, label: `Content script ${file}, gzip`, unit: 'bytes' },
          w.gzipBytes,
        ),
      );
      if (w.bytes > w.minifiedBytes * 1.15)
        section.notes.push(
          `${file} is not minified: esbuild's minifier makes it ${kb(w.minifiedBytes)} (shipped ${kb(w.bytes)}).`,
        );
    }
    section.figures.push(
      measuredValue(
        {
          id: 'size.contentScripts.gzip',
          label: 'Content scripts together, gzip',
          unit: 'bytes',
          target: contentTarget,
        },
        total,
      ),
    );
  }

  const worker = env.manifest.background?.service_worker;
  if (worker) {
    const w = await weigh(dir, [worker]);
    section.figures.push(
      measuredValue(
        { id: 'size.background', label: `Background (${worker}), as shipped`, unit: 'bytes' },
        w.bytes,
      ),
      measuredValue({ id: 'size.background.gzip', label: 'Background, gzip', unit: 'bytes' }, w.gzipBytes),
    );
  } else {
    section.figures.push(
      notAvailable(
        { id: 'size.background.gzip', label: 'Background, gzip', unit: 'bytes' },
        'the manifest names no service worker',
      ),
    );
  }

  const popupTarget = { op: '<=' as const, value: 45 * 1024, on: 'value' as const };
  const popup = env.manifest.action?.default_popup;
  if (popup) {
    const files = staticGraph(dir, popup);
    const w = await weigh(dir, files);
    section.figures.push(
      measuredValue(
        {
          id: 'size.popup',
          label: 'Popup (HTML + scripts + styles loaded at open), as shipped',
          unit: 'bytes',
        },
        w.bytes,
      ),
      measuredValue(
        { id: 'size.popup.gzip', label: 'Popup, gzip', unit: 'bytes', target: popupTarget },
        w.gzipBytes,
      ),
    );
    section.notes.push(`Popup files: ${files.join(', ')}.`);
    if (w.bytes > w.minifiedBytes * 1.15)
      section.notes.push(
        `The popup's scripts are not minified: esbuild's minifier makes them ${kb(w.minifiedBytes)}.`,
      );
  } else {
    section.figures.push(
      notAvailable(
        { id: 'size.popup.gzip', label: 'Popup, gzip', unit: 'bytes', target: popupTarget },
        'the manifest names no popup',
      ),
    );
  }
  return section;
}

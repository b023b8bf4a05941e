/**
 * The bench's local HTTPS server. Chromium reaches it at the services' real host names through
 * --host-resolver-rules, so the production build's real `matches` apply. Listens on loopback
 * only, with a throwaway certificate that Chromium is told to accept.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeThrowawayCertificate } from '../test/stand-in/certificate';

/** Host names the bench serves; everything else resolves nowhere. */
export const BENCH_HOSTS = ['chatgpt.com', 'gemini.google.com', 'claude.ai', 'api.openai.com'] as const;

const PAGES_DIR = join(import.meta.dirname, 'pages');
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

export interface BenchServer {
  port: number;
  /** Chromium's --host-resolver-rules value for this server. */
  hostResolverRules: string;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** The body api.openai.com answers with status 403 (a real region-block body from the fixtures). */
  apiBlockBody: string;
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const { key, cert } = makeThrowawayCertificate(BENCH_HOSTS);
  const files = new Map<string, string>();
  const page = (name: string): string | undefined => {
    if (!/^[a-z-]+\.(html|js)$/.test(name)) return undefined;
    if (!files.has(name)) {
      try {
        files.set(name, readFileSync(join(PAGES_DIR, name), 'utf8'));
      } catch {
        return undefined;
      }
    }
    return files.get(name);
  };
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (host === 'api.openai.com') {
      const origin = req.headers.origin;
      const cors: Record<string, string> = origin
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-allow-methods': 'POST, GET, OPTIONS',
          }
        : {};
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json', ...cors }).end(options.apiBlockBody);
      return;
    }
    const name = path === '/' || path === '/app' ? 'stream.html' : path.replace(/^\/bench\//, '');
    const body = page(name);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ext = name.split('.').pop() as string;
    res.writeHead(200, { 'content-type': TYPES[ext], 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const rules = [
    ...BENCH_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ];
  return {
    port,
    hostResolverRules: rules.join(', '),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

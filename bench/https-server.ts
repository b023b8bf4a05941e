/**
 * The bench's pages, served by the tests' HTTPS stand-in (test/stand-in/server.ts) at the
 * services' real host names, so the production build's real `matches` apply. The bench answers
 * every request to its own hosts itself (its pages, a 403 from api.openai.com, 404 for anything
 * else, such as the stream page's deliberately failing request): nothing falls through to the
 * stand-in's block pages, which would log blocks in the middle of a measurement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Reply, startStandIn } from '../test/stand-in/server';

/** Host names the bench serves. */
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
  const benchRoute = (request: {
    host: string;
    path: string;
    method: string;
    origin: string | null;
  }): Reply | null => {
    if (!(BENCH_HOSTS as readonly string[]).includes(request.host)) return null;
    if (request.host === 'api.openai.com') {
      const cors: Record<string, string> = request.origin
        ? {
            'access-control-allow-origin': request.origin,
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-allow-methods': 'POST, GET, OPTIONS',
          }
        : {};
      if (request.method === 'OPTIONS') return { status: 204, headers: cors };
      return {
        status: 403,
        headers: { 'content-type': 'application/json', ...cors },
        body: options.apiBlockBody,
      };
    }
    const name =
      request.path === '/' || request.path === '/app'
        ? 'stream.html'
        : request.path.replace(/^\/bench\//, '');
    const body = page(name);
    if (body === undefined)
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    const ext = name.split('.').pop() as string;
    return { status: 200, headers: { 'content-type': TYPES[ext] as string }, body };
  };
  const standIn = await startStandIn({ extraRoutes: benchRoute });
  return {
    port: standIn.port,
    hostResolverRules: standIn.hostResolverRules(),
    close: () => standIn.close(),
  };
}

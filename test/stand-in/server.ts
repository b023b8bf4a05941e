/**
 * A local HTTPS stand-in for the AI services, answering at their real host names (routing by
 * the Host header) so the production build of Detour sees exactly the URLs users meet.
 * Browsers reach it through --host-resolver-rules (Chromium) or a loopback CONNECT proxy
 * (Firefox, test/stand-in/connect-proxy.ts). It listens on loopback only and keeps a log of every request it answered, so
 * tests can also assert what did NOT happen (e.g. no /cdn-cgi/trace request).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeThrowawayCertificate } from './certificate';
import {
  bannerAfterLoadPage,
  fixturePage,
  playgroundPage,
  relayingClientPage,
  STAND_IN_API_KEYS,
  servedAppPage,
  startPage,
  titleFromFixture,
} from './pages';
import { loadServedSignatures, type ServedSignatures, type Signature } from './signatures';

const LOOPBACK = '127.0.0.1';
const OPENAI_API_URL = 'https://api.openai.com/v1/chat/completions';
/** Pages whose scripts may read API responses (the real API allows browser calls from these). */
const API_CORS_ORIGINS = new Set(['https://chatgpt.com', 'https://platform.openai.com']);
const BANNER_DELAY_MS = 400;

/** What each web app answers; tests switch these, the demo keeps the defaults. */
export interface StandInModes {
  'chatgpt.com': 'blocked' | 'challenge' | 'served';
  'gemini.google.com': 'banner' | 'unusual-traffic' | 'served';
  'claude.ai': 'redirect' | 'served';
}

export const DEFAULT_MODES: StandInModes = {
  'chatgpt.com': 'blocked',
  'gemini.google.com': 'banner',
  'claude.ai': 'redirect',
};

export interface StandInRequest {
  at: number;
  method: string;
  host: string;
  /** Path without the query string. */
  path: string;
  query: string;
  origin: string | null;
  hadCookie: boolean;
  hadAuthorization: boolean;
  status: number;
}

export interface StandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The `loc=` the services' /cdn-cgi/trace answers; null leaves the line out. */
  traceLoc?: string | null;
  modes?: Partial<StandInModes>;
  signaturesPath?: string;
  /**
   * Extra pages a test serves (e.g. test/stand-in/hostile-pages.ts), asked before the built-in
   * routes; null falls through to them. The request body is not read.
   */
  extraRoutes?: (request: {
    host: string;
    path: string;
    query: string;
    method: string;
    origin: string | null;
  }) => Reply | null;
}

export interface StandIn {
  readonly port: number;
  /** Every host name the stand-in answers for (map all of them to it). */
  readonly hosts: readonly string[];
  /** The start page, reachable without any host mapping. */
  readonly startUrl: string;
  readonly signatures: ServedSignatures;
  readonly requests: readonly StandInRequest[];
  requestsTo(host: string, pathPrefix?: string): StandInRequest[];
  clearRequests(): void;
  setMode<H extends keyof StandInModes>(host: H, mode: StandInModes[H]): void;
  setTraceLoc(loc: string | null): void;
  /** Chromium's --host-resolver-rules value: the service hosts here, everything else nowhere. */
  hostResolverRules(): string;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Close the connection without an answer (the network, not the service, failed). */
  reset?: boolean;
  /** Sent as separate writes, `streamDelayMs` apart (a streaming response), instead of `body`. */
  stream?: string[];
  streamDelayMs?: number;
}

/**
 * Claude's block page at the address the page itself gives as canonical since 2025 (a copy
 * published 2025-11-10: github.com/xSlam3/webapp, install.cmd), beside the claude.com it is
 * redirected to in the reference fixtures.
 */
export const CANONICAL_CLAUDE_PAGE = new URL('https://www.claude.com/app-unavailable-in-region');

function html(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

/** A fixture's own headers, minus those that describe a transfer we do not reproduce. */
function fixtureHeaders(signature: Signature): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signature.headers)) {
    if (!['content-length', 'content-encoding', 'transfer-encoding'].includes(name.toLowerCase())) {
      headers[name.toLowerCase()] = value;
    }
  }
  return headers;
}

function statusOf(signature: Signature): number {
  if (signature.http_status === null) throw new Error(`stand-in: fixture ${signature.id} has no HTTP status`);
  return signature.http_status;
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const signatures = loadServedSignatures(options.signaturesPath);
  const modes: StandInModes = { ...DEFAULT_MODES, ...options.modes };
  let traceLoc: string | null = options.traceLoc === undefined ? 'CN' : options.traceLoc;
  const requests: StandInRequest[] = [];

  const redirectTarget = new URL(signatures.claudeRedirect.headers.location ?? '');
  const anthropicPage = new URL(signatures.anthropicUnavailablePage.url);
  const newsUrl = new URL(signatures.newsArticle.url);
  const serviceHosts = [
    'chatgpt.com',
    'platform.openai.com',
    'api.openai.com',
    'claude.ai',
    redirectTarget.hostname,
    anthropicPage.hostname,
    CANONICAL_CLAUDE_PAGE.hostname,
    'gemini.google.com',
    'auth.openai.com',
  ];
  /** A chat client over many providers that relays their errors (no trace: not a test of exit checks). */
  const relayHosts = ['lobechat.com'];
  /**
   * The demo's unreachable service: mapped here so that both browsers connect and then see the
   * connection close without an answer. Left unmapped, Chromium reads it as a name that does not
   * resolve, but Firefox's proxy answers 502, a failure of the user's own proxy that never counts.
   */
  const unreachableHosts = ['grok.com'];
  const hosts = [...new Set([...serviceHosts, ...relayHosts, ...unreachableHosts, newsUrl.hostname])];

  function trace(req: IncomingMessage, host: string): Reply {
    // Cloudflare's trace format: key=value lines. Only `loc` matters to Detour.
    const lines = [
      `h=${host}`,
      `ip=${LOOPBACK}`,
      `ts=${(Date.now() / 1000).toFixed(3)}`,
      'visit_scheme=https',
      `uag=${req.headers['user-agent'] ?? ''}`,
      'http=http/1.1',
      ...(traceLoc === null ? [] : [`loc=${traceLoc}`]),
      'tls=TLSv1.3',
      'sni=plaintext',
      'warp=off',
    ];
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: `${lines.join('\n')}\n` };
  }

  function openaiApi(req: IncomingMessage): Reply {
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && API_CORS_ORIGINS.has(origin)
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            vary: 'Origin',
          }
        : { vary: 'Origin' };
    if (req.method === 'OPTIONS') return { status: 204, headers: cors };
    const key = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // The region refusal comes before any key check: a blocked region gets it whatever the key.
    const signature =
      key === STAND_IN_API_KEYS.quota
        ? signatures.openaiQuota429
        : key === STAND_IN_API_KEYS['invalid-key']
          ? signatures.openaiInvalidKey401
          : signatures.openaiRegion403;
    const contentType = signature.body.trimStart().startsWith('{') ? 'application/json' : 'text/plain';
    return {
      status: statusOf(signature),
      headers: { 'content-type': contentType, ...cors },
      body: signature.body,
    };
  }

  function route(req: IncomingMessage, host: string, path: string, query = ''): Reply {
    const extra = options.extraRoutes?.({
      host,
      path,
      query,
      method: req.method ?? 'GET',
      origin: req.headers.origin ?? null,
    });
    if (extra) return extra;
    if (path === '/cdn-cgi/trace' && serviceHosts.includes(host)) return trace(req, host);
    switch (host) {
      case LOOPBACK:
      case 'localhost':
        return path === '/' ? html(200, startPage()) : html(404, 'Not found');
      case 'chatgpt.com': {
        const mode = modes['chatgpt.com'];
        if (mode === 'served') return html(200, servedAppPage('ChatGPT'));
        const signature = mode === 'challenge' ? signatures.chatgptChallenge : signatures.chatgptBlockPage;
        // The challenge fixture is the page's own HTML; the block page fixture is its text.
        const body = mode === 'challenge' ? signature.body : fixturePage(signature);
        return html(statusOf(signature), body, fixtureHeaders(signature));
      }
      case 'platform.openai.com':
        return path === '/playground' ? html(200, playgroundPage(OPENAI_API_URL)) : html(404, 'Not found');
      case 'api.openai.com':
        return openaiApi(req);
      case 'claude.ai':
        if (modes['claude.ai'] === 'served') return html(200, servedAppPage('Claude'));
        return {
          status: statusOf(signatures.claudeRedirect),
          headers: { location: redirectTarget.href },
        };
      case redirectTarget.hostname:
      case CANONICAL_CLAUDE_PAGE.hostname:
      case anthropicPage.hostname: {
        if (path !== '/app-unavailable-in-region') return html(404, 'Not found');
        const signature =
          host === redirectTarget.hostname || host === CANONICAL_CLAUDE_PAGE.hostname
            ? signatures.claudeUnavailablePage
            : signatures.anthropicUnavailablePage;
        return html(200, fixturePage(signature, titleFromFixture(signatures.claudeUnavailableTitle)));
      }
      case 'gemini.google.com': {
        const mode = modes['gemini.google.com'];
        if (mode === 'served') return html(200, servedAppPage('Gemini'));
        if (mode === 'unusual-traffic') return html(200, fixturePage(signatures.geminiUnusualTraffic));
        return html(200, bannerAfterLoadPage('Gemini', signatures.geminiBanner, BANNER_DELAY_MS));
      }
      case 'auth.openai.com':
        // OpenAI's sign-in error page in its Simplified Chinese localisation (title and text).
        return path === '/' ? html(200, fixturePage(signatures.chatgptAuthErrorZh)) : html(404, 'Not found');
      case 'lobechat.com':
        // The chat page calls its own server, which passes on Gemini API's refusal unchanged; the
        // page then says it in LobeChat's own words.
        if (path === '/chat') {
          return html(
            200,
            relayingClientPage('LobeChat', '/webapi/chat/google', signatures.lobechatLocationZh),
          );
        }
        if (path === '/webapi/chat/google' && req.method === 'POST') {
          return {
            status: statusOf(signatures.geminiApiLocation),
            headers: { 'content-type': 'application/json' },
            body: signatures.geminiApiLocation.body,
          };
        }
        return html(404, 'Not found');
      case newsUrl.hostname:
        return path === newsUrl.pathname
          ? html(200, fixturePage(signatures.newsArticle))
          : html(404, 'Not found');
      case 'grok.com':
        // The demo's unreachable service: the connection closes without an answer, in both browsers.
        return { status: 0, reset: true };
      default:
        return html(404, 'Not served by the Detour stand-in');
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', 'https://stand-in.invalid');
    let reply: Reply;
    try {
      reply = route(req, host, url.pathname, url.search);
    } catch (error) {
      reply = { status: 500, headers: { 'content-type': 'text/plain' }, body: String(error) };
    }
    requests.push({
      at: Date.now(),
      method: req.method ?? 'GET',
      host,
      path: url.pathname,
      query: url.search,
      origin: req.headers.origin ?? null,
      hadCookie: req.headers.cookie !== undefined,
      hadAuthorization: req.headers.authorization !== undefined,
      status: reply.status,
    });
    if (reply.reset) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers });
    if (reply.stream) {
      const parts = [...reply.stream];
      const next = () => {
        if (res.destroyed) return;
        const part = parts.shift();
        if (part === undefined) res.end();
        else res.write(part, () => setTimeout(next, reply.streamDelayMs ?? 30));
      };
      next();
      return;
    }
    res.end(reply.body ?? '');
  }

  const { key, cert } = makeThrowawayCertificate([...hosts, 'localhost']);
  const server: Server = createServer({ key, cert }, handle);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EACCES') {
        reject(
          new Error(
            `stand-in: no permission to listen on port ${options.port} (ports below 1024 need root); ` +
              'leave the port out and a free one is used.',
          ),
        );
      } else if (error.code === 'EADDRINUSE') {
        reject(new Error(`stand-in: port ${options.port} is in use by another program.`));
      } else {
        reject(error);
      }
    });
    server.listen(options.port ?? 0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });

  return {
    port,
    hosts,
    startUrl: port === 443 ? `https://${LOOPBACK}/` : `https://${LOOPBACK}:${port}/`,
    signatures,
    get requests() {
      return requests;
    },
    requestsTo: (host, pathPrefix = '/') =>
      requests.filter((request) => request.host === host && request.path.startsWith(pathPrefix)),
    clearRequests: () => {
      requests.length = 0;
    },
    setMode: (host, mode) => {
      modes[host] = mode;
    },
    setTraceLoc: (loc) => {
      traceLoc = loc;
    },
    hostResolverRules: () =>
      [
        ...hosts.map((host) => `MAP ${host} ${LOOPBACK}:${port}`),
        // Anything else fails to resolve: no test can reach the real internet by accident.
        'MAP * ~NOTFOUND',
        `EXCLUDE ${LOOPBACK}`,
        'EXCLUDE localhost',
      ].join(', '),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

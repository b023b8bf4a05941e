/** A block page known by its address: a refusal path on a service's host, or a redirect to a list of regions. */
import { findProduct, hostOf } from '../../services';
import type { Signals } from './data';
import type { RecogniserInput } from './finding';
import { productFor } from './who-refused';

interface UrlVerdict {
  service: string;
  product: string;
  phrase: string;
  url: string;
}

function safeUrl(url: string | undefined): URL | null {
  if (url === undefined) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A block page by its URL: a refusal path on a service's host, or a redirect from a service to a list of regions. */
export function urlSignal(signals: Signals, input: RecogniserInput): UrlVerdict | null {
  if (input.kind === 'text') return null;
  const candidates: Array<{ url: string; from: string | undefined }> = [];
  if (input.url !== undefined) candidates.push({ url: input.url, from: input.from });
  const location = Object.entries(input.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'location',
  )?.[1];
  if (
    input.kind === 'response' &&
    location &&
    input.status !== undefined &&
    input.status >= 300 &&
    input.status < 400
  ) {
    const target = safeUrl(input.url)
      ? (() => {
          try {
            return new URL(location, input.url).href;
          } catch {
            return undefined;
          }
        })()
      : undefined;
    if (target) candidates.push({ url: target, from: input.url });
  }
  for (const candidate of candidates) {
    const parsed = safeUrl(candidate.url);
    if (!parsed || !/^https?:$/.test(parsed.protocol)) continue;
    const path = decodeURIComponent(parsed.pathname).toLowerCase().replace(/\/+$/, '');
    const query = parsed.search.toLowerCase();
    const target = findProduct(candidate.url);
    const fromUrl = candidate.from;
    const from = fromUrl !== undefined && hostOf(fromUrl) !== null ? findProduct(fromUrl) : null;
    const owner = target ?? from;
    // A path segment is the token itself, the token after a prefix (`app-unavailable-in-region`),
    // or the token with a file extension (`available-regions.md.txt`).
    const segments = path.split('/').map((segment) => segment.replace(/\..*$/, ''));
    const last = segments[segments.length - 1] ?? '';
    const refusalPath = signals.urlRefusalPaths.find(
      (entry) => last === entry.text || last.endsWith(`-${entry.text}`),
    );
    const refusalQuery = signals.urlRefusalQueries.find((entry) => {
      const [name, value] = entry.text.split('=');
      return parsed.searchParams.get(name as string)?.toLowerCase() === value;
    });
    const shown = `${parsed.origin}${parsed.pathname}${refusalQuery ? `?${refusalQuery.text}` : ''}`;
    if ((refusalPath || refusalQuery) && owner) {
      const service = owner.service;
      return {
        service,
        product:
          target?.service === service ? target.product : (from?.product ?? productFor(service, input.kind)),
        phrase: (refusalPath ?? refusalQuery)?.text as string,
        url: shown,
      };
    }
    const listing = signals.urlListingPaths.find((entry) => segments.includes(entry.text));
    const fromHost = fromUrl === undefined ? null : hostOf(fromUrl);
    if (listing && from && fromHost !== parsed.hostname && query.length >= 0) {
      const service = from.service;
      return {
        service,
        product: target?.service === service ? target.product : from.product,
        phrase: listing.text,
        url: shown,
      };
    }
  }
  return null;
}

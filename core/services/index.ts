/**
 * The AI services Detour knows: their products, the hosts each product answers on, and the
 * names people read. services.json is the data; this module validates it once and answers
 * "which service is this URL?" and "which URLs must the extension watch?".
 *
 * Owns: services.json and lookups over it. Must not: know about rules or the browser.
 */
import * as v from 'valibot';
import servicesJson from './services.json';

const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

const LocalisedName = v.object({
  en: v.pipe(v.string(), v.minLength(1)),
  'zh-CN': v.pipe(v.string(), v.minLength(1)),
  'zh-TW': v.pipe(v.string(), v.minLength(1)),
});

export const ProductRole = v.picklist(['webApp', 'api', 'blockPage']);
export type ProductRole = v.InferOutput<typeof ProductRole>;

const Product = v.object({
  slug: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  name: LocalisedName,
  hosts: v.array(v.pipe(v.string(), v.regex(HOST, 'a host is lower case, with no scheme, port or path'))),
  /** Hosts that vary in one DNS label, e.g. `bedrock-runtime.*.amazonaws.com`. */
  hostPatterns: v.optional(v.array(v.pipe(v.string(), v.regex(/^([a-z0-9-]+|\*)(\.([a-z0-9-]+|\*))+$/)))),
  /** Path globs (`*` = any text) the product is limited to on these hosts; prefix match. */
  paths: v.optional(v.array(v.pipe(v.string(), v.startsWith('/')))),
  role: ProductRole,
  /** Where this product's hosts were seen in use, when it is not the service's `source`. */
  source: v.optional(v.pipe(v.string(), v.url(), v.startsWith('https://'))),
});

const Service = v.object({
  slug: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  name: LocalisedName,
  products: v.pipe(v.array(Product), v.minLength(1)),
  /**
   * A URL from reference/, or `block-signatures.json#<id>` when the reference names no URL.
   * Required in the repository's file (index.test.ts); the build leaves sources out of the shipped
   * copy (wxt.config.ts), where nothing shows them.
   */
  source: v.optional(
    v.union([
      v.pipe(v.string(), v.url()),
      v.pipe(v.string(), v.regex(/^block-signatures\.json#[a-z0-9-]+$/)),
    ]),
  ),
});
export type Service = v.InferOutput<typeof Service>;

export const ServicesFile = v.pipe(
  v.object({ $comment: v.optional(v.string()), version: v.number(), services: v.array(Service) }),
  v.check(
    (file) => new Set(file.services.map((service) => service.slug)).size === file.services.length,
    'service slugs must be unique',
  ),
  v.check((file) => {
    const owners = new Map<string, string>();
    for (const service of file.services) {
      for (const product of service.products) {
        for (const host of product.hosts) {
          const key = `${host}${product.paths?.join(',') ?? ''}`;
          if (owners.has(key) && owners.get(key) !== service.slug) return false;
          owners.set(key, service.slug);
        }
      }
    }
    return true;
  }, 'a host (with the same paths) belongs to one service only'),
);

export const SERVICES: readonly Service[] = v.parse(ServicesFile, servicesJson).services;

/** Which known service and product a URL belongs to. */
export interface ServiceProduct {
  service: string;
  product: string;
}

/** A URL's service and product, with the role of the host it was found on. */
export interface ProductMatch extends ServiceProduct {
  role: ProductRole;
}

function globToRegExp(glob: string, separator: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(separator);
  return new RegExp(`^${body}`);
}

interface HostEntry extends ProductMatch {
  paths: RegExp[] | null;
}

const byHost = new Map<string, HostEntry[]>();
const byPattern: Array<{ pattern: RegExp; entry: HostEntry }> = [];
for (const service of SERVICES) {
  for (const product of service.products) {
    const entry: HostEntry = {
      service: service.slug,
      product: product.slug,
      role: product.role,
      paths: product.paths ? product.paths.map((path) => globToRegExp(path, '.*')) : null,
    };
    for (const host of product.hosts) byHost.set(host, [...(byHost.get(host) ?? []), entry]);
    for (const pattern of product.hostPatterns ?? []) {
      byPattern.push({ pattern: new RegExp(`${globToRegExp(pattern, '[a-z0-9-]+').source}$`), entry });
    }
  }
}

/** The host of an http(s) URL, lower case without a trailing dot; null for anything else. */
export function hostOf(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

function entriesFor(host: string): HostEntry[] {
  const exact = byHost.get(host);
  if (exact) return exact;
  return byPattern.filter(({ pattern }) => pattern.test(host)).map(({ entry }) => entry);
}

/**
 * Which service and product a URL belongs to. Hosts match exactly (no subdomains: a docs or
 * help site of the same company is not the product); path-limited products match only on
 * their paths. Entries with paths win over the host's catch-all entry.
 */
export function findProduct(url: string): ProductMatch | null {
  const host = hostOf(url);
  if (host === null) return null;
  const entries = entriesFor(host);
  if (entries.length === 0) return null;
  let path = '/';
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const withPath = entries.find((entry) => entry.paths?.some((glob) => glob.test(path)));
  const chosen = withPath ?? entries.find((entry) => entry.paths === null);
  return chosen ? { service: chosen.service, product: chosen.product, role: chosen.role } : null;
}

/** WebExtension match patterns (`https://chatgpt.com/*`) for the products with these roles. */
export function matchPatterns(roles: ReadonlyArray<ProductRole>): string[] {
  const patterns = new Set<string>();
  for (const service of SERVICES) {
    for (const product of service.products) {
      if (!roles.includes(product.role)) continue;
      for (const host of product.hosts) {
        for (const path of product.paths ?? ['/']) {
          patterns.add(`https://${host}${path.endsWith('*') ? path : `${path}*`}`);
        }
      }
    }
  }
  return [...patterns].sort();
}

/**
 * Services that pass other services' models on: an API gateway (OpenRouter, OpenCode Zen), an
 * editor's hosted models (Zed, Cursor), a chat client over many providers (LobeChat). A region
 * refusal seen through one of them may be the upstream provider's, relayed; each service's
 * `source` in services.json shows it relaying an upstream error.
 */
export const GATEWAY_SERVICES: ReadonlySet<string> = new Set([
  'openrouter',
  'opencode',
  'zed',
  'lobechat',
  'cursor',
]);

/** Whether this service relays other services' refusals to its user. */
export function isGateway(service: string): boolean {
  return GATEWAY_SERVICES.has(service);
}

export type NameLocale = 'en' | 'zh-CN' | 'zh-TW';

/** Accepts browser and i18n spellings: `zh_CN`, `zh-Hans`, `zh-HK`, `en-US`… */
export function nameLocale(locale: string): NameLocale {
  const tag = locale.replace('_', '-').toLowerCase();
  if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
  if (tag.startsWith('zh')) return 'zh-CN';
  return 'en';
}

/** A service's display name in the reader's language; the slug itself when unknown. */
export function serviceName(slug: string, locale: string): string {
  const service = SERVICES.find((candidate) => candidate.slug === slug);
  return service ? service.name[nameLocale(locale)] : slug;
}

/** A product's display name; falls back to the service's name, then to the slug. */
export function productName(serviceSlug: string, productSlug: string, locale: string): string {
  const service = SERVICES.find((candidate) => candidate.slug === serviceSlug);
  const product = service?.products.find((candidate) => candidate.slug === productSlug);
  if (product) return product.name[nameLocale(locale)];
  return service ? service.name[nameLocale(locale)] : productSlug;
}

/**
 * Display names of services and products in the UI language, from core/services/services.json
 * (data that carries its own en / zh-CN / zh-TW names). Unknown slugs show as the slug.
 */
import services from '../core/services/services.json';
import { localized } from './i18n';

type Names = Partial<Record<'en' | 'zh-CN' | 'zh-TW', string>>;
interface ServiceEntry {
  slug: string;
  name: Names;
  products: Array<{ slug: string; name: Names }>;
}

const SERVICES = (services as { services: ServiceEntry[] }).services;

export function serviceLabel(service: string): string {
  const entry = SERVICES.find((s) => s.slug === service);
  return entry ? localized(entry.name) : service;
}

/** "ChatGPT" for openai/chatgpt; the service's name when the product is unknown. */
export function productLabel(service: string, product: string | undefined): string {
  const entry = SERVICES.find((s) => s.slug === service);
  if (!entry) return service;
  const match = product ? entry.products.find((p) => p.slug === product) : undefined;
  return localized(match ? match.name : entry.name);
}

/** Services in their data order, for filters and the "services watched" list. */
export function serviceSlugs(): string[] {
  return SERVICES.map((s) => s.slug);
}

/** Which service and product a page URL belongs to, by host (webApp hosts only: pages a tab can show). */
export function serviceForUrl(url: string | null | undefined): { service: string; product: string } | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  for (const entry of SERVICES as Array<
    ServiceEntry & { products: Array<{ slug: string; hosts?: string[]; role?: string }> }
  >) {
    for (const product of entry.products) {
      if (product.role === 'webApp' && product.hosts?.includes(host))
        return { service: entry.slug, product: product.slug };
    }
  }
  return null;
}

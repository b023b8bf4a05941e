/**
 * Display names of services and products in the UI language, and which service a page is on,
 * through core/services (data that carries its own en / zh-CN / zh-TW names).
 */
import { findProduct, productName, SERVICES, serviceName } from '../core/services';
import { dataLocale } from './i18n';

export function serviceLabel(service: string): string {
  return serviceName(service, dataLocale());
}

/** "ChatGPT" for openai/chatgpt; the service's name when the product is unknown. */
export function productLabel(service: string, product: string | undefined): string {
  return product ? productName(service, product, dataLocale()) : serviceLabel(service);
}

/** Services in their data order, for filters and the "services watched" list. */
export function serviceSlugs(): string[] {
  return SERVICES.map((s) => s.slug);
}

/** Origins (`https://host/*`) a service's pages and APIs live on, for permission requests. */
export function serviceOrigins(service: string): string[] {
  const entry = SERVICES.find((s) => s.slug === service);
  if (!entry) return [];
  const hosts = entry.products.filter((p) => p.role !== 'blockPage').flatMap((p) => p.hosts);
  return [...new Set(hosts.map((h) => `https://${h}/*`))];
}

/** Which service a page URL belongs to (a web app or a block page, not an API host). */
export function serviceForUrl(url: string | null | undefined): { service: string; product: string } | null {
  if (!url) return null;
  const match = findProduct(url);
  return match && match.role !== 'api' ? { service: match.service, product: match.product } : null;
}

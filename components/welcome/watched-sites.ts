/**
 * The sites Detour watches, per service, for the first-run page: derived from core/services (the
 * same data the manifest's host permissions come from), never a hand-kept list.
 */
import { SERVICES } from '../../core/services';

export interface WatchedSites {
  service: string;
  /** Host names, `*` for one varying label, with a path when the product lives under one. */
  sites: string[];
}

/** Services with at least one site; those known only from pasted text have none to watch. */
export function watchedSites(): WatchedSites[] {
  return SERVICES.map((service) => {
    const sites = new Set<string>();
    for (const product of service.products) {
      for (const host of [...product.hosts, ...(product.hostPatterns ?? [])]) {
        if (product.paths?.length) for (const path of product.paths) sites.add(`${host}${path}`);
        else sites.add(host);
      }
    }
    return { service: service.slug, sites: [...sites] };
  }).filter((entry) => entry.sites.length > 0);
}

/**
 * The bundled catalog of alternative platforms, validated once when first imported.
 * A broken bundled file is a build error, so `v.parse` throws rather than limping on.
 */
import * as v from 'valibot';
import bundled from './platforms.json';
import { Catalog, type OpenAiSourceModel, type Platform } from './schema';

export const BUNDLED_CATALOG: Catalog = v.parse(Catalog, bundled);

/**
 * The catalog in use: the bundled one, or a newer validated update installed at startup
 * (core/data-updates/live-data.ts). A live binding: importers see the installed catalog.
 */
export let CATALOG: Catalog = BUNDLED_CATALOG;

/** Only core/data-updates/live-data.ts calls this, with a verified, validated bundle's data. */
export function installCatalog(catalog: Catalog): void {
  CATALOG = catalog;
}

/** Catalog order: the three platforms that answered the 2024 block first, then the research order. */
export function orderedPlatforms(catalog: Catalog = CATALOG): Platform[] {
  return [...catalog.platforms].sort((a, b) => Number(b.seed) - Number(a.seed) || a.order - b.order);
}

export function findPlatform(id: string, catalog: Catalog = CATALOG): Platform | undefined {
  return catalog.platforms.find((p) => p.id === id);
}

/** Every model id the platform lists (chat, embedding, free). */
export function listedModels(platform: Platform): Set<string> {
  const m = platform.models;
  return new Set([...(m.chat?.value ?? []), ...(m.embedding?.value ?? []), ...(m.free?.value ?? [])]);
}

/**
 * The suggested target for an OpenAI model. Dated snapshots (`gpt-4o-2024-08-06`) map like their
 * family; embeddings other than 3-small map to the embedding target. Null when no source supports one.
 */
export function sourceModelFamily(model: string): OpenAiSourceModel | null {
  const m = model.trim().toLowerCase();
  // A snapshot suffix: `-2024-08-06`, `-0125`, `-latest`, `-16k`.
  const snapshot = '(-\\d{4}(-\\d{2}-\\d{2})?|-latest|-16k)*$';
  if (new RegExp(`^gpt-4o-mini${snapshot}`).test(m)) return 'gpt-4o-mini';
  if (new RegExp(`^(chat)?gpt-4o${snapshot}`).test(m)) return 'gpt-4o';
  if (new RegExp(`^gpt-3\\.5-turbo${snapshot}`).test(m)) return 'gpt-3.5-turbo';
  if (/^text-embedding-(3-small|3-large|ada-002)$/.test(m)) return 'text-embedding-3-small';
  return null;
}

export function mappedModel(platform: Platform, sourceModel: string): string | null {
  const family = sourceModelFamily(sourceModel);
  if (!family) return null;
  return platform.openaiModelMapping?.targets[family]?.value ?? null;
}

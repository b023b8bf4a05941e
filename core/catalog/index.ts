/**
 * Alternative platforms for people an AI service refuses: the catalog (sourced data), the
 * recommender, migration snippets, the "Check now" reachability check and the optional catalog
 * update. Framework-free: returns message keys and data, never display strings; touches the
 * network only through the fetch it is given, and only when the user asks. The exit-country
 * pieces live in core/regions and are re-exported here as part of the catalog's public face.
 */
export { ExitCheckScheduler } from '../regions/exit-check-scheduler';
export { guessRegion } from '../regions/guess-region';
export { decideExitCountry, REGIONS } from '../regions/regions';
export { parseCloudflare1009Country, parseTrace } from '../regions/trace';
export {
  CATALOG,
  findPlatform,
  listedModels,
  mappedModel,
  orderedPlatforms,
  sourceModelFamily,
} from './catalog';
export { type IncentiveStatus, incentiveDate, incentiveStatus } from './incentives';
export { PROBES } from './probes';
export { checkReachability, type FetchLike, type ReachabilityDeps } from './reachability';
export { recommendPlatforms, type Suggestion } from './recommend';
export type { Catalog, Incentive, Platform } from './schema';
export { type MigrationResult, migrationSnippets } from './switch-snippets';
export { fetchCatalogUpdate } from './update';

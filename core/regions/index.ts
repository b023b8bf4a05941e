/**
 * Published served/refused regions per service product, and what follows for an exit country.
 * Data (regions.json, iso3166-1.json, timezones.json) plus pure functions; no network, no browser.
 */
export { ASSIGNED_COUNTRY_CODES, alpha3ToAlpha2, isAssignedCountryCode } from './countries';
export { EXIT_CHECK_INTERVAL_MS, ExitCheckScheduler, type ExitCheckState } from './exit-check-scheduler';
export { guessRegion } from './guess-region';
export { decideExitCountry, type ExitCountryResult, findRegionList, isListStale, REGIONS } from './regions';
export type { RegionList, RegionsData } from './schema';
export { parseCloudflare1009Country, parseTrace } from './trace';

/**
 * The data a bundle replaces in this extension context: the detection rules, the platform catalog
 * and the region lists, each with its built-in copy to fall back to.
 */
import { BUNDLED_CATALOG, installCatalog } from '../catalog/catalog';
import { installRules } from '../detection';
import { BUNDLED_REGIONS, installRegions } from '../regions/regions';
import type { BuiltData, DataInstaller } from './installed';

export const LIVE_INSTALLER: DataInstaller = {
  install(bundle) {
    // Rules first: they are the only part that can fail to compile, and then nothing changed.
    installRules(bundle.rules);
    installCatalog(bundle.platforms);
    installRegions(bundle.regions);
  },
  reset() {
    installRules(null);
    installCatalog(BUNDLED_CATALOG);
    installRegions(BUNDLED_REGIONS);
  },
};

export const BUILT_DATA: BuiltData = {
  // ISO dates sort as text: the later of the two.
  asOf: [BUNDLED_CATALOG.asOf, BUNDLED_REGIONS.asOf].sort().at(-1) ?? BUNDLED_CATALOG.asOf,
  platformsVersion: BUNDLED_CATALOG.version,
  regionsVersion: BUNDLED_REGIONS.version,
};

import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { matchPatterns, SERVICES } from './core/services';

/** Where the content scripts run: the services' web apps (chat apps, sign-in pages, consoles). */
const WEB_APP_MATCHES = matchPatterns(['webApp']);
/** Hosts whose >= 400 responses the MAIN-world tap reads (web apps and APIs), baked into its bundle. */
const TAP_HOSTS = {
  hosts: SERVICES.flatMap((s) => s.products.filter((p) => p.role !== 'blockPage').flatMap((p) => p.hosts)),
  patterns: SERVICES.flatMap((s) =>
    s.products.filter((p) => p.role !== 'blockPage').flatMap((p) => p.hostPatterns ?? []),
  ),
};
/**
 * services.json says where each service and product was seen, and what its fields mean, for the
 * people who maintain it (core/services/index.test.ts holds it to that); nothing in the extension
 * shows either, and the table is in every page's bundle, the popup's among them. The build ships it
 * without those sources and its comment.
 */
function shipServicesWithoutSources(): Plugin {
  return {
    name: 'detour:ship-services-without-sources',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/core/services/services.json')) return null;
      const file = JSON.parse(code) as { $comment?: string; services: Array<Record<string, unknown>> };
      delete file.$comment;
      for (const service of file.services) {
        delete service.source;
        for (const product of service.products as Array<Record<string, unknown>>) delete product.source;
      }
      return { code: JSON.stringify(file), map: null };
    },
  };
}

/**
 * The content scripts run in every page of the services' web apps and use only `runtime.id` (WXT's
 * context) and `runtime.sendMessage` (@webext-core/messaging, through `chrome` directly): the
 * browser's own API object serves both in Chrome and Firefox, so they get WXT's plain `browser`
 * (@wxt-dev/browser) instead of webextension-polyfill, which the background and the extension's
 * pages keep. The polyfill was a quarter of the page watcher's bytes, parsed and run in every page.
 */
function contentScriptsWithoutPolyfill(): Plugin {
  let contentScript = false;
  return {
    name: 'detour:content-scripts-without-polyfill',
    apply: 'build',
    enforce: 'pre',
    buildStart(options) {
      const input = options.input;
      const inputs =
        typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input);
      // WXT's content-script entrypoints: `name.content.ts` or `name.content/index.ts`.
      contentScript = inputs.some((file) => /\.content(?:\/index)?\.tsx?$/.test(file.replace(/\\/g, '/')));
    },
    resolveId(source, importer, options) {
      if (!contentScript || source !== '@wxt-dev/webextension-polyfill/browser') return null;
      return this.resolve('@wxt-dev/browser', importer, { ...options, skipSelf: true });
    },
  };
}

/** A user may grant more sites later (options page → watchGrantedHost). */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

// The manifest is derived: content-script matches live beside each content script,
// host permissions come from the service definitions in core/.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module', '@wxt-dev/auto-icons'],
  // One source icon (assets/icon.svg rendered to assets/icon.png) for every size the stores ask for.
  autoIcons: { sizes: [16, 32, 48, 96, 128] },
  imports: false,
  vite: () => ({
    plugins: [preact(), shipServicesWithoutSources(), contentScriptsWithoutPolyfill()],
    define: { __DETOUR_TAP_HOSTS__: JSON.stringify(TAP_HOSTS) },
  }),
  hooks: {
    // Content-script matches come from core/services here, not in the scripts themselves:
    // importing the services table there would put it (and valibot) into every page's bundle.
    'entrypoints:resolved': (_wxt, entrypoints) => {
      for (const entry of entrypoints) {
        if (entry.type === 'content-script' && (entry.name === 'page-watch' || entry.name === 'fetch-tap')) {
          entry.options.matches = WEB_APP_MATCHES;
        }
      }
    },
  },
  // The sources zip AMO asks for: WXT does not read .gitignore, so leave out local run output.
  zip: { excludeSources: ['demo-output/**', 'bench/tmp/**', 'coverage/**', 'web-ext-artifacts/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and the log. webRequest: status, URL and headers of the services' responses
    // and redirects. notifications: the once-a-day notice. scripting: content scripts for hosts the
    // user grants later. Firefox MV2 only: webRequestBlocking, needed by filterResponseData to read
    // the start of 4xx bodies from the services' API hosts.
    permissions: [
      'storage',
      'webRequest',
      'notifications',
      'scripting',
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
    ],
    host_permissions: matchPatterns(['webApp', 'api', 'blockPage']),
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_HOSTS }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
    // Oldest browsers the code runs in (MDN browser-compat-data, webextensions/, as of 2026-08-07):
    // Chromium 111 for `world: "MAIN"` in the manifest's content_scripts (the fetch tap). Below that
    // bar: storage.session 102, scripting.registerContentScripts with `world` 102, structuredClone 98,
    // Object.hasOwn 93; Vite 8's default build target is chrome111/firefox114 too. The `browser`
    // namespace is not needed: webextension-polyfill supplies it. Edge reads the same key.
    // Firefox desktop 140 for data_collection_permissions (Android: 142). Below that bar: MAIN-world
    // content scripts 128 (also through registerContentScripts), storage.session 115 (in MV2 too).
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'detour@detour.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '111' }),
  }),
});

import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The manifest is derived: content-script matches live beside each content script,
// host permissions come from the service definitions in core/.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module', '@wxt-dev/auto-icons'],
  // One source icon (assets/icon.svg rendered to assets/icon.png) for every size the stores ask for.
  autoIcons: { sizes: [16, 32, 48, 96, 128] },
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // The sources zip AMO asks for: WXT does not read .gitignore, so leave out local run output.
  zip: { excludeSources: ['demo-output/**', 'bench/tmp/**', 'coverage/**', 'web-ext-artifacts/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'detour@detour.invalid',
              // data_collection_permissions needs Firefox 140 (desktop) and 142 (Android); web-ext lint warns below that.
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

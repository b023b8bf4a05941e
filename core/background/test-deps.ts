/**
 * Tests only: what a background needs to start on fakeBrowser storage when a test cares about
 * none of its ports (no badge, no notification, no granted hosts, default settings), so each test
 * file states only what it looks at.
 */
import { vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { browserArea } from '../storage/key-value-area';
import type { BackgroundDeps } from './create-background';

export const TEST_EXTENSION_ID = 'test-extension-id';
export const TEST_EXTENSION_ORIGIN = `chrome-extension://${TEST_EXTENSION_ID}/`;

export function quietBackgroundDeps(extra: Partial<BackgroundDeps> = {}): BackgroundDeps {
  return {
    local: browserArea('local'),
    session: browserArea('session'),
    settings: async () => structuredClone(DEFAULT_SETTINGS) as Settings,
    badge: { show: async () => {} },
    notify: { blocked: async () => {} },
    hostPorts: {
      hasPermission: async () => false,
      register: vi.fn(async () => {}),
      unregister: vi.fn(async () => {}),
      registeredIds: async () => [],
      files: { pageWatch: 'content-scripts/page-watch.js', fetchTap: 'content-scripts/fetch-tap.js' },
    },
    extension: { id: TEST_EXTENSION_ID, origin: TEST_EXTENSION_ORIGIN },
    wayForward: null,
    ...extra,
  };
}

/**
 * The snapshot's storage.session keys (core/snapshot/popup-snapshot), apart from its schemas so the
 * popup's first paint (components/first-paint) can name them without loading valibot.
 */
export const RECENT_SNAPSHOT_KEY = 'popup.recent';
/** The popup's recent list (components/stores/popup-store POPUP_LIMITS.recent). */
export const RECENT_SNAPSHOT_EVENTS = 24;
/**
 * storage.local's copy of `popup.recent` and `popup.text` (core/snapshot/first-paint-copy), which
 * outlives a browser restart: `{ recent, text }`, each as written to storage.session.
 */
export const FIRST_PAINT_COPY_KEY = 'popup.firstPaintCopy';

/**
 * The snapshot's storage.session keys (core/snapshot/popup-snapshot), apart from its schemas so the
 * popup's first paint (components/first-paint) can name them without loading valibot.
 */
export const RECENT_SNAPSHOT_KEY = 'popup.recent';
/** The popup's recent list (components/stores/popup-store POPUP_LIMITS.recent). */
export const RECENT_SNAPSHOT_EVENTS = 24;

/** How much of a text the recogniser reads, and how near its words must stand. */

/** How much of a body the recogniser reads (a refusal is near the top of what a page or error says). */
export const RECOGNISER_READ = 64 * 1024;
/** Page text longer than this is prose around a quote (an article, a thread, an answer), not a refusal. */
export const PROSE_LIMIT = 3000;
/** Pasted text and responses may be logs around the refusal; beyond this they are documents. */
export const LOG_LIMIT = 16 * 1024;
/** A location word and an unavailability word count as joined within this many characters. */
export const JOIN_WINDOW = 80;

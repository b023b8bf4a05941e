/**
 * core/language: which language Detour speaks. Owns the choice (follow the browser, English,
 * 简体中文, 繁體中文), its resolution to a locale folder, and the message lookup over the build's
 * `_locales/<folder>/messages.json`. Must not hold UI text: the words live in locales/*.yml.
 */
export * from './choice';
export * from './messages';

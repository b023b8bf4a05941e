/**
 * core/settings: what the user chose. Owns the schema, defaults, storage items (versioned, with
 * migrations) and the settings file format. Must not hold UI strings (reasons are message keys).
 */
export * from './items';
export * from './schema';
export * from './transfer';

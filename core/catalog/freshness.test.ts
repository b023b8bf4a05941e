import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, findPlatform } from './catalog';
import { factAgeDays, mayHaveChanged, modelNamesAsOf } from './freshness';
import type { Platform } from './schema';

const NOW = Date.UTC(2026, 11, 5, 12);

describe('fact freshness', () => {
  it('counts whole days from the start of a partial date', () => {
    expect(factAgeDays('2026-12-05', NOW)).toBe(0);
    expect(factAgeDays('2026-06-08', NOW)).toBe(180);
    expect(factAgeDays('2026-06', NOW)).toBe(187);
    expect(factAgeDays('2026', NOW)).toBe(338);
  });

  it('marks a fact older than 180 days as "may have changed", and not one of 180', () => {
    expect(mayHaveChanged('2026-06-08', NOW)).toBe(false);
    expect(mayHaveChanged('2026-06-07', NOW)).toBe(true);
    expect(mayHaveChanged('2025-12-18', NOW)).toBe(true);
    expect(mayHaveChanged('2026-11-24', NOW)).toBe(false);
  });

  it('dates model names by the chat list, else the suggested targets, else embeddings', () => {
    const p = (id: string) => findPlatform(id, BUNDLED_CATALOG) as Platform;
    expect(modelNamesAsOf(p('volcengine-ark'))).toBe('2025-12-18');
    expect(modelNamesAsOf(p('deepseek'))).toBe('2026-12-05');
    const noChat = structuredClone(p('deepseek'));
    delete noChat.models.chat;
    expect(modelNamesAsOf(noChat)).toBe('2026-12-05');
    // Azure's model is the user's own deployment: no model names to date.
    expect(modelNamesAsOf(p('azure-openai-hk'))).toBeNull();
  });
});

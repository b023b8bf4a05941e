import { describe, expect, it, vi } from 'vitest';
import { builtInRules, classifyObservation, installRules, warmClassifierLater } from './index';
import { RULE_FILES } from './rules';

describe('installRules', () => {
  it('keeps the built-in rules, and what they built, when asked for them while in use', () => {
    const inUse = builtInRules();
    const pageTables = inUse.matcher('page');
    installRules(null);
    expect(builtInRules()).toBe(inUse);
    expect(builtInRules().matcher('page')).toBe(pageTables);
  });

  it('puts a bundle in use, and the built-in rules back afterwards', () => {
    const builtIn = builtInRules();
    installRules(RULE_FILES);
    const bundle = builtInRules();
    expect(bundle).not.toBe(builtIn);
    installRules(null);
    expect(builtInRules()).not.toBe(bundle);
    installRules(null);
  });
});

describe('warmClassifierLater', () => {
  it('builds one part per task, each task scheduling the next, and verdicts stay the same', () => {
    const body = 'ChatGPT is not available in your country.';
    const before = classifyObservation({ kind: 'text', body });
    const tasks: Array<() => void> = [];
    warmClassifierLater((task) => tasks.push(task));
    expect(tasks).toHaveLength(1);
    let ran = 0;
    while (tasks.length > 0) {
      (tasks.shift() as () => void)();
      ran++;
    }
    expect(ran).toBe(4);
    expect(classifyObservation({ kind: 'text', body })).toEqual(before);
  });
});

describe('the recogniser’s tables', () => {
  it('are not built for a failed request that cannot be a refusal (a 404, 429 or 500), but are for one that can', async () => {
    // A fresh copy of the engine, as in a worker that just started.
    vi.resetModules();
    const engine = await import('./index');
    const recogniser = await import('./recogniser/recogniser');
    for (const status of [404, 429, 500]) {
      const verdict = engine.classifyObservation({
        kind: 'response',
        url: 'https://chatgpt.com/backend-api/conversation',
        status,
        body: '{"detail":"Something went wrong"}',
      });
      expect(verdict.verdict).toBe('clean');
    }
    expect(recogniser.recogniserBuilt()).toBe(false);
    engine.classifyObservation({
      kind: 'response',
      url: 'https://chatgpt.com/backend-api/conversation',
      status: 403,
      body: '{"detail":"Something went wrong"}',
    });
    expect(recogniser.recogniserBuilt()).toBe(true);
  });
});

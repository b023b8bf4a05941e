import { describe, expect, it } from 'vitest';
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

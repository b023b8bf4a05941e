/**
 * The rule files: each passes the schema, cites where its signature was seen, and proves
 * itself on its own samples (Wappalyzer-style data reviewed with the examples beside it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../services';
import { classifyWith, compileRules, loadRules } from './engine';
import { builtInRules } from './index';
import { RuleFile } from './rule-schema';
import { RULE_FILES } from './rules';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES_DIR = join(import.meta.dirname, 'rules');
const REFERENCE = join(ROOT, 'reference');
const FIXTURES = readFileSync(join(REFERENCE, 'block-signatures.json'), 'utf8');
const SIGNATURE_NOTES = readFileSync(join(REFERENCE, 'block-signatures.md'), 'utf8');
const REFERENCE_TEXT = readdirSync(REFERENCE)
  .filter((name) => name !== 'README.md')
  .map((name) => readFileSync(join(REFERENCE, name), 'utf8'))
  .join('\n');
const FIXTURE_IDS = new Set((JSON.parse(FIXTURES) as Array<{ id: string }>).map((signature) => signature.id));

const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.json'));
const rules = builtInRules().rules;

describe('rule files', () => {
  it('are all registered in rules/index.ts', () => {
    expect(RULE_FILES).toHaveLength(files.length);
    for (const name of files) {
      const content = JSON.parse(readFileSync(join(RULES_DIR, name), 'utf8'));
      expect(RULE_FILES, name).toContainEqual(content);
    }
  });

  it.each(files)('%s passes the schema and names its service', (name) => {
    const content = JSON.parse(readFileSync(join(RULES_DIR, name), 'utf8'));
    const parsed = v.safeParse(RuleFile, content);
    expect(parsed.issues?.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`) ?? []).toEqual([]);
    if (!parsed.success) return;
    const service = parsed.output.service;
    if (service === '*') expect(name).toBe('any-service.json');
    else {
      expect(name).toBe(`${service}.json`);
      const known = SERVICES.find((candidate) => candidate.slug === service);
      expect(known, name).toBeDefined();
      for (const rule of parsed.output.rules) {
        expect(
          known?.products.map((product) => product.slug),
          rule.id,
        ).toContain(rule.product);
      }
    }
  });

  it('rejects a rule without sources, samples or evidence', () => {
    const good = structuredClone(RULE_FILES[0]) as { rules: Array<Record<string, unknown>> };
    const rule = good.rules[0] as Record<string, unknown>;
    for (const broken of [
      { ...rule, sources: [] },
      { ...rule, sources: ['somewhere on the internet'] },
      { ...rule, samples: { block: [], clean: [] } },
      { ...rule, seen: 'last year' },
      { ...rule, text: undefined, json: undefined, url: undefined },
      { ...rule, kinds: ['html'] },
    ]) {
      expect(v.safeParse(RuleFile, { ...good, rules: [broken] }).success).toBe(false);
    }
    expect(() => loadRules([{ ...good, rules: [rule, rule] }])).toThrow(/used twice/);
    expect(() => loadRules([{ service: 'x', rules: [{ ...rule, sources: [] }] }])).toThrow(/rule file 0/);
  });
});

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it('cites sources found in the reference', () => {
    for (const source of rule.sources) {
      if (source.startsWith('signature:'))
        expect(FIXTURE_IDS.has(source.slice('signature:'.length)), source).toBe(true);
      else if (source.startsWith('block-signatures.md: '))
        expect(SIGNATURE_NOTES, source).toContain(source.slice('block-signatures.md: '.length));
      else expect(REFERENCE_TEXT, source).toContain(source);
    }
  });

  it.each(rule.samples.block.map((sample, index) => [index, sample] as const))(
    'blocks sample %i',
    (_, sample) => {
      const verdict = classifyWith(builtInRules(), sample);
      expect(verdict).toMatchObject({ verdict: 'block', ruleId: id });
      if (rule.service !== '*' && rule.hosts === 'service') expect(verdict.service).toBe(rule.service);
    },
  );

  it.each(rule.samples.clean.map((sample, index) => [index, sample] as const))(
    'no signature fires on clean sample %i',
    (_, sample) => {
      // The refusal recogniser may still speak (pasted refusals name "an AI service"); it has its own tests.
      const verdict = classifyWith(builtInRules(), sample);
      expect(verdict.verdict === 'block' ? verdict.via : 'clean').not.toBe('signature');
    },
  );

  it('still blocks its samples when it is the only rule (samples do not lean on other rules)', () => {
    const alone = compileRules(rules.filter((candidate) => candidate.id === id));
    for (const sample of rule.samples.block) expect(classifyWith(alone, sample).ruleId).toBe(id);
  });
});

/**
 * Every real signature and look-alike in reference/block-signatures.json (each with the public
 * source where it was seen) is a test case: block cases must block with the right service,
 * clean cases must stay clean. The few weak signals that stay clean by design are listed below,
 * each with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CLEAN_BY_DESIGN, EXPECTED_COUNTRY, EXPECTED_SERVICE } from './evaluation/reference-expectations';
import { classifyObservation } from './index';
import { observationOf, ReferenceSignature } from './signature-observation';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE_PATH = join(ROOT, 'reference', 'block-signatures.json');
const SIGNATURES = v.parse(v.array(ReferenceSignature), JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')));

describe('the signature fixtures', () => {
  it('are all here, each with its source', () => {
    expect(SIGNATURES).toHaveLength(127);
    expect(new Set(SIGNATURES.map((signature) => signature.id)).size).toBe(127);
  });

  it('list every block case in exactly one of the two tables', () => {
    const blocks = SIGNATURES.filter((signature) => signature.expect === 'block').map(
      (signature) => signature.id,
    );
    const listed = [...Object.keys(CLEAN_BY_DESIGN), ...Object.keys(EXPECTED_SERVICE)];
    expect([...listed].sort()).toEqual([...blocks].sort());
  });

  it('mark as clean by design only cases the reference calls weak, or says why not', () => {
    for (const [id, reason] of Object.entries(CLEAN_BY_DESIGN)) {
      const signature = SIGNATURES.find((candidate) => candidate.id === id);
      if (reason.startsWith('weak signal')) expect(signature?.notes, id).toMatch(/weak signal/);
      else expect(reason, id).toMatch(/^judgement: /);
    }
  });
});

describe.each(SIGNATURES.map((signature) => [signature.id, signature] as const))('%s', (id, signature) => {
  const observation = observationOf(signature);
  const verdict = classifyObservation(observation);

  if (signature.expect === 'clean') {
    it('stays clean', () => {
      expect(verdict).toMatchObject({ verdict: 'clean', ruleId: null, evidence: '' });
    });
  } else if (CLEAN_BY_DESIGN[id]) {
    it(`stays clean by design (${CLEAN_BY_DESIGN[id]})`, () => {
      expect(verdict.verdict).toBe('clean');
    });
  } else {
    it(`blocks as ${EXPECTED_SERVICE[id]}`, () => {
      expect(verdict.verdict).toBe('block');
      const [service, product] = (EXPECTED_SERVICE[id] as string).split('/');
      expect(verdict.service).toBe(service);
      if (product) expect(verdict.product).toBe(product);
      expect(verdict.ruleId).toMatch(/^[a-z0-9-]+$/);
      expect(verdict.evidence.length).toBeGreaterThan(0);
      expect(verdict.evidence.length).toBeLessThanOrEqual(300);
      expect(verdict.evidence).not.toMatch(/<[a-z/!]/i);
      if (verdict.verdict === 'block') expect(verdict.country).toBe(EXPECTED_COUNTRY[id]);
    });
  }
});

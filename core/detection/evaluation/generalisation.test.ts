/**
 * The generalisation targets, asserted on the same measurement `npm run eval` prints:
 * - with each service's own rules withheld, the rest of the engine still recognises its
 *   reference refusals (90 % overall; per service, at least the floor recorded below with the
 *   reason it is not higher) and never raises a false alarm on any look-alike of either set;
 * - with everything on, every reference refusal is caught and every look-alike is clean;
 * - on the held-out set and on the blind held-out sets, no false alarm, and recall at least the
 *   measured floor;
 * - on a page, the refusals the engine recognises still reach it through the content script's
 *   keyword prefilter: no more of them dropped than measured.
 * The floors are measurements, not wishes: a change that lowers one fails here.
 */
import { describe, expect, it } from 'vitest';
import { mightMatterForPage } from '../page-triggers';
import {
  judge,
  kindOf,
  langOf,
  leaveOneServiceOut,
  pageTextCases,
  rulesWithout,
  tally,
  throughPrefilter,
} from './generalisation';
import { KNOWN_FALSE_ALARMS } from './known-false-alarms';
import { readHoldout, readReferenceCases } from './sets';

const reference = readReferenceCases();
const { file: holdoutFile, cases: holdout } = readHoldout('holdout');
const { file: blindFile, cases: blind } = readHoldout('blind2');
const { file: blind3File, cases: blind3 } = readHoldout('blind3');
const { file: blind4File, cases: blind4 } = readHoldout('blind4');
const { file: blind5File, cases: blind5 } = readHoldout('blind5');
const { file: blind6File, cases: blind6 } = readHoldout('blind6');
const { file: blind7File, cases: blind7 } = readHoldout('blind7');
const { file: blind8File, cases: blind8 } = readHoldout('blind8');

/**
 * Services whose reference refusals the rest of the engine cannot all recognise, and why.
 * Every other service must reach 90 %.
 */
const LEAVE_ONE_OUT_FLOOR: Record<string, { floor: number; why: string }> = {
  openai: {
    floor: 0.85,
    why: 'two of its sixteen refusals say only "Unable to load site … if you are using a VPN": a VPN hint without location wording never counts',
  },
  cloudflare: {
    floor: 0.5,
    why: 'the generic 1009 page is served on the blocked site’s own host, which belongs to no known service',
  },
};

/**
 * Refusals the engine recognises that the page prefilter drops, per set: measured (npm run eval).
 * The fifth set's two are API errors pasted as text, never a page's text: an SDK's `<HttpError 400 …>`
 * that a page's reading takes for markup, and Apple's settings line, which puts the place before
 * 'doesn't support'.
 */
// The sixth set's first measurement dropped one ("It's not supported by your country"); the prefilter
// has passed 'by' since, a figure that case informed.
const PREFILTER_DROPS = {
  reference: 0,
  holdout: 0,
  blind: 0,
  blind3: 0,
  blind4: 0,
  blind5: 2,
  blind6: 0,
  blind7: 1,
  blind8: 1,
};

describe('leave one service out', () => {
  const rows = leaveOneServiceOut([
    ...reference,
    ...holdout.filter((testCase) => testCase.expect === 'clean'),
    ...blind.filter((testCase) => testCase.expect === 'clean'),
    ...blind3.filter((testCase) => testCase.expect === 'clean'),
    ...blind4.filter((testCase) => testCase.expect === 'clean'),
    ...blind5.filter((testCase) => testCase.expect === 'clean'),
    ...blind6.filter((testCase) => testCase.expect === 'clean'),
    ...blind7.filter((testCase) => testCase.expect === 'clean' && !(testCase.id in KNOWN_FALSE_ALARMS)),
    ...blind8.filter((testCase) => testCase.expect === 'clean'),
  ]);

  it('recognises 90 % of all refusals with each service’s own rules withheld', () => {
    const refusals = rows.reduce((sum, row) => sum + row.refusals, 0);
    const caught = rows.reduce((sum, row) => sum + row.caught, 0);
    expect(caught / refusals).toBeGreaterThanOrEqual(0.9);
  });

  it.each(rows.map((row) => [row.group, row] as const))(
    '%s: recall at its floor, no false alarm',
    (service, row) => {
      const floor = LEAVE_ONE_OUT_FLOOR[service]?.floor ?? 0.9;
      expect(row.caught / row.refusals, `missed: ${row.missed.join(', ')}`).toBeGreaterThanOrEqual(floor);
      expect(row.alarms).toEqual([]);
    },
  );

  it('keeps floors only for services that need them', () => {
    for (const service of Object.keys(LEAVE_ONE_OUT_FLOOR)) {
      const row = rows.find((candidate) => candidate.group === service);
      expect(row, service).toBeDefined();
      expect((row?.caught ?? 0) / (row?.refusals ?? 1), service).toBeLessThan(0.9);
    }
  });
});

describe('the whole engine', () => {
  const everything = rulesWithout();

  it('catches every reference refusal and leaves every reference look-alike clean, in every language and kind', () => {
    const outcomes = reference.map((testCase) => judge(everything, testCase));
    for (const row of [...tally(outcomes, langOf), ...tally(outcomes, kindOf)]) {
      expect(row.caught, row.group).toBe(row.refusals);
      expect(row.falseAlarms, row.group).toBe(0);
    }
  });

  it.each([
    ['held-out', holdout, 15, 0.95],
    ['blind held-out', blind, 18, 0.9],
    ['third blind held-out', blind3, 40, 0.8],
    ['fourth blind held-out', blind4, 25, 0.8],
    ['fifth blind held-out', blind5, 56, 0.65],
    ['sixth blind held-out', blind6, 52, 0.6],
    ['eighth blind held-out', blind8, 13, 0.65],
  ] as const)(
    'raises no false alarm on the %s look-alikes and recognises its refusals at the measured floor',
    (_, cases, count, floor) => {
      const outcomes = cases.map((testCase) => judge(everything, testCase));
      const alarms = outcomes.filter((outcome) => outcome.falseAlarm).map((outcome) => outcome.testCase.id);
      expect(alarms).toEqual([]);
      const refusals = outcomes.filter((outcome) => outcome.testCase.expect === 'block');
      expect(refusals.length).toBeGreaterThanOrEqual(count);
      expect(refusals.filter((outcome) => outcome.caught).length / refusals.length).toBeGreaterThanOrEqual(
        floor,
      );
    },
  );

  it('raises on the seventh blind held-out look-alikes only the replies listed, and recognises its refusals at the measured floor', () => {
    const outcomes = blind7.map((testCase) => judge(everything, testCase));
    const alarms = outcomes.filter((outcome) => outcome.falseAlarm).map((outcome) => outcome.testCase.id);
    expect(alarms.sort()).toEqual(Object.keys(KNOWN_FALSE_ALARMS).sort());
    const refusals = outcomes.filter((outcome) => outcome.testCase.expect === 'block');
    expect(refusals.length).toBeGreaterThanOrEqual(33);
    expect(refusals.filter((outcome) => outcome.caught).length / refusals.length).toBeGreaterThanOrEqual(
      0.55,
    );
  });

  it.each([
    ['second', blindFile, blind, 40],
    ['third', blind3File, blind3, 90],
    ['fourth', blind4File, blind4, 80],
    ['fifth', blind5File, blind5, 160],
    ['sixth', blind6File, blind6, 160],
    ['seventh', blind7File, blind7, 120],
    ['eighth', blind8File, blind8, 90],
  ] as const)(
    'keeps the %s blind set blind: sourced, dated, and the cases that informed a rule left out of its figures',
    (_, file, cases, size) => {
      expect(file.cases.length).toBeGreaterThanOrEqual(size);
      for (const entry of file.cases) expect(entry.source).toMatch(/^https:\/\//);
      expect(new Set(file.cases.map((entry) => entry.id)).size).toBe(file.cases.length);
      const informed = file.cases.filter((entry) => entry.usedForRules);
      for (const entry of informed) expect(entry.note, entry.id).toMatch(/used for tuning/);
      expect(cases.length).toBe(file.cases.length - informed.length);
    },
  );

  it('holds out only cases with a public source, and says which were used to write the lists', () => {
    expect(holdoutFile.cases.length).toBeGreaterThan(30);
    for (const entry of holdoutFile.cases) expect(entry.source).toMatch(/^https:\/\/github\.com\//);
    expect(holdout.length).toBe(holdoutFile.cases.filter((entry) => !entry.usedForRules).length);
  });
});

describe('caught through the page prefilter', () => {
  const everything = rulesWithout();

  // Page and pasted-text refusals the engine recognises but the prefilter would not send, per set
  // (pasted text stands in for a page's text). Measured; a change that drops more fails here.
  it.each([
    ['reference', reference, 43, PREFILTER_DROPS.reference],
    ['held-out', holdout, 15, PREFILTER_DROPS.holdout],
    ['blind held-out', blind, 17, PREFILTER_DROPS.blind],
    ['third blind held-out', blind3, 34, PREFILTER_DROPS.blind3],
    ['fourth blind held-out', blind4, 22, PREFILTER_DROPS.blind4],
    ['fifth blind held-out', blind5, 41, PREFILTER_DROPS.blind5],
    ['sixth blind held-out', blind6, 34, PREFILTER_DROPS.blind6],
    ['seventh blind held-out', blind7, 20, PREFILTER_DROPS.blind7],
    ['eighth blind held-out', blind8, 9, PREFILTER_DROPS.blind8],
  ] as const)('the %s refusals the engine recognises reach it on a page', (_, cases, count, dropped) => {
    const outcomes = pageTextCases(cases)
      .filter((testCase) => testCase.expect === 'block')
      .map((testCase) => throughPrefilter(everything, testCase, mightMatterForPage))
      .filter((outcome) => outcome.caught);
    expect(outcomes.length).toBeGreaterThanOrEqual(count);
    const lost = outcomes.filter((outcome) => !outcome.caughtThrough).map((outcome) => outcome.testCase.id);
    expect(lost.length, `dropped: ${lost.join(', ')}`).toBeLessThanOrEqual(dropped);
  });

  it('reads a page title on its own and a page’s visible text without its markup', () => {
    const page = reference.find((testCase) => testCase.id === 'claude-web-title-app-unavailable-in-region');
    expect(page).toBeDefined();
    const outcome = throughPrefilter(everything, page as (typeof reference)[number], mightMatterForPage);
    expect(outcome.sent).toEqual(['App unavailable in region | Claude']);
    expect(outcome.caughtThrough).toBe(true);
    // A prefilter that passes nothing loses a refusal that needs page text.
    const banner = holdout.find((testCase) => testCase.id === 'claude-page-only-certain-regions');
    expect(banner).toBeDefined();
    const none = throughPrefilter(everything, banner as (typeof holdout)[number], () => false);
    expect([none.caught, none.byUrl, none.caughtThrough]).toEqual([true, false, false]);
  });
});

/**
 * The generalisation targets, asserted on the same measurement `npm run eval` prints:
 * - with each service's own rules withheld, the rest of the engine still recognises its
 *   reference refusals (90 % overall; per service, at least the floor recorded below with the
 *   reason it is not higher) and never raises a false alarm on any look-alike of either set;
 * - with everything on, every reference refusal is caught and every look-alike is clean;
 * - on the held-out set and on the blind held-out sets, no false alarm but those listed in
 *   known-false-alarms.ts, and recall at least the measured floor; pooled over the blind sets,
 *   the software's own messages that say where the reader is recognised at their measured floor;
 * - on a page, the refusals the engine recognises still reach it through the content script's
 *   keyword prefilter: no more of them dropped than measured;
 * - the "Check an error message" page offers to ask the service (checkerGuess) on pasted refusals
 *   the engine leaves clean because they only guess or are a block page out of place, at least as
 *   many as measured, and on no
 *   look-alike but those listed in known-false-alarms.ts.
 * The floors are measurements, not wishes: a change that lowers one fails here.
 */
import { describe, expect, it } from 'vitest';
import { mightMatterForPage } from '../page-triggers';
import {
  guessesOffered,
  judge,
  kindOf,
  langOf,
  leaveOneServiceOut,
  pageTextCases,
  rulesWithout,
  SHOWN_WITH_REGION_GROUP,
  tally,
  throughPrefilter,
  wordingOf,
} from './generalisation';
import { GUESSED_LOOK_ALIKES, KNOWN_FALSE_ALARMS } from './known-false-alarms';
import { HOLDOUT_FILES, type HoldoutSet, readHoldout, readReferenceCases } from './sets';

const reference = readReferenceCases();
const holdouts = (Object.keys(HOLDOUT_FILES) as HoldoutSet[]).map((set) => ({ set, ...readHoldout(set) }));

/**
 * Per held-out set, measured (npm run eval) on the cases no rule was written from: at least this
 * many refusals, recall at least `floor`, the file at least `size` cases, and of the page and
 * pasted-text refusals the engine recognises (`onPage` of them) at most `dropped` lost to the
 * content script's prefilter. The floors are measurements, not wishes.
 * - Set 5's two dropped are API errors pasted as text, never a page's text: an SDK's
 *   `<HttpError 400 …>` that a page's reading takes for markup, and Apple's settings line, which
 *   puts the place before "doesn't support".
 * - Set 6's first measurement dropped one ("It's not supported by your country"); the prefilter
 *   has passed "by" since, a figure that case informed.
 * - Set 16's floor fell from 0.4 to 0.25 when six of its refusals (five of them read) became the
 *   sources of the services Detour names beyond the big five (Codebuff, Trae, Coze, Manus,
 *   BotBooru): cases that informed a change leave the figures, read or not.
 * - Set 43's floor fell from 0.79 to 0.73 when billing became a guard in Spanish and Indonesian, as
 *   it is in English and the set's other languages: Claude's enterprise upgrade refused for 'tu
 *   región de facturación' and 'wilayah penagihan Anda' (the billing region), which its collector
 *   labelled refusals, had been read in those two languages alone.
 * - Set 32's two dropped are gateways' lines, not a page's text: a Jina check's "API недоступен из
 *   текущего региона (451)" and a Sora relay's "在你当前网络出口地区不可用", whose place comes
 *   after more words than the prefilter allows.
 * - Set 39's one dropped is a locale string, not a page's text as shown: a Chinese pack's
 *   '企业升级在您的计费区域中尚不可用', whose place and refusal the shapes do not join across 中尚.
 *   Its other (Claude's desktop page with a `{product}` placeholder, '{product} is only available in
 *   certain regions') passes since the page signatures' phrases became shapes.
 * - Set 40's three dropped are locale strings too: a Chinese pack's region page with its `<link>`
 *   tags, which a page does not show (the prefilter reads them as words), and two packs' enterprise
 *   upgrade refused for 你的计费区域 (the billing region), which the shapes do not pass.
 * - Set 42's one dropped is Claude's Chinese region page with its `<link>` tags, as in set 40.
 * - Set 48's four dropped at its first measurement were ChromeOS's 'Your current location isn't
 *   supported' in British English, German, Canadian French and European Portuguese: the shapes knew
 *   'your location is not supported', not with 'current' or 'derzeit' between. They pass now, and
 *   informed that change.
 *   Its one dropped now is the same message in Serbian's Latin script: ChromeOS's words, which no
 *   page shows, so the shapes left them out (as set 45's in thirty-two languages) to make room.
 * - Set 45's one dropped at its first measurement was Turkish 'konum şu anda desteklenmiyor': the
 *   shapes knew 'desteklemiyor' (does not support), not the passive 'desteklenmiyor'. Every refusal of
 *   the set has since informed a list or a shape, so none is left to measure there.
 * - Set 50's one dropped is a person's account in an issue ('… because Antigravity isn't available
 *   in my region'), never a page's text.
 * - Set 52's three dropped are an AI client's relay of a provider's refusal (LobeHub's 'your current
 *   location does not support this model service' in English, Japanese and Russian): a self-hosted
 *   client's words, never on a service's own host, where the content script runs.
 * - Set 55's one dropped is Amazon CloudFront's country block on Docker's download host, pasted
 *   from a terminal: a service outside AI, whose host no content script watches.
 * - Set 61's one dropped is a community Chinese pack's region page for Claude with its `<link>`
 *   tags, as in sets 40 and 42.
 * - Set 62's one dropped is Firecrawl's API error ('… is not allowed by default in your country'),
 *   an API's answer on a host no content script watches, never a page's text.
 * - Set 64's one dropped is LobeHub's Polish relay of a provider's location refusal ('Twoja
 *   lokalizacja nie obsługuje tej usługi'), a chat client's string, shown on no service's host.
 */
const MEASURED: Record<
  HoldoutSet,
  { refusals: number; floor: number; size: number; onPage: number; dropped: number }
> = {
  holdout: { refusals: 15, floor: 0.95, size: 30, onPage: 15, dropped: 0 },
  blind2: { refusals: 18, floor: 0.9, size: 40, onPage: 17, dropped: 0 },
  blind3: { refusals: 40, floor: 0.8, size: 90, onPage: 34, dropped: 0 },
  blind4: { refusals: 24, floor: 0.8, size: 80, onPage: 22, dropped: 0 },
  blind5: { refusals: 55, floor: 0.65, size: 160, onPage: 41, dropped: 2 },
  blind6: { refusals: 48, floor: 0.6, size: 160, onPage: 32, dropped: 0 },
  blind7: { refusals: 31, floor: 0.55, size: 120, onPage: 20, dropped: 1 },
  blind8: { refusals: 13, floor: 0.65, size: 90, onPage: 9, dropped: 1 },
  blind9: { refusals: 24, floor: 0.75, size: 131, onPage: 18, dropped: 1 },
  blind10: { refusals: 17, floor: 0.85, size: 84, onPage: 14, dropped: 0 },
  blind11: { refusals: 7, floor: 0.7, size: 69, onPage: 5, dropped: 0 },
  blind12: { refusals: 3, floor: 1, size: 114, onPage: 3, dropped: 0 },
  blind13: { refusals: 6, floor: 0.65, size: 117, onPage: 4, dropped: 1 },
  blind14: { refusals: 2, floor: 1, size: 69, onPage: 2, dropped: 0 },
  blind15: { refusals: 5, floor: 1, size: 68, onPage: 3, dropped: 0 },
  blind16: { refusals: 12, floor: 0.25, size: 80, onPage: 3, dropped: 0 },
  blind17: { refusals: 5, floor: 0, size: 57, onPage: 0, dropped: 0 },
  blind18: { refusals: 10, floor: 0.8, size: 64, onPage: 8, dropped: 0 },
  blind19: { refusals: 0, floor: 0, size: 45, onPage: 0, dropped: 0 },
  blind20: { refusals: 0, floor: 0, size: 114, onPage: 0, dropped: 0 },
  blind21: { refusals: 0, floor: 0, size: 120, onPage: 0, dropped: 0 },
  blind22: { refusals: 0, floor: 0, size: 92, onPage: 0, dropped: 0 },
  blind23: { refusals: 10, floor: 0.4, size: 51, onPage: 3, dropped: 1 },
  blind24: { refusals: 35, floor: 0.28, size: 119, onPage: 10, dropped: 0 },
  blind25: { refusals: 20, floor: 0.5, size: 114, onPage: 10, dropped: 0 },
  blind26: { refusals: 25, floor: 0.44, size: 96, onPage: 11, dropped: 0 },
  blind27: { refusals: 22, floor: 0.31, size: 144, onPage: 7, dropped: 0 },
  blind28: { refusals: 0, floor: 0, size: 114, onPage: 0, dropped: 0 },
  blind29: { refusals: 5, floor: 0, size: 72, onPage: 0, dropped: 0 },
  blind30: { refusals: 10, floor: 0.9, size: 47, onPage: 9, dropped: 0 },
  blind31: { refusals: 5, floor: 0.5, size: 49, onPage: 3, dropped: 0 },
  blind32: { refusals: 13, floor: 0.33, size: 85, onPage: 5, dropped: 2 },
  blind33: { refusals: 3, floor: 0.66, size: 38, onPage: 2, dropped: 0 },
  blind34: { refusals: 4, floor: 1, size: 57, onPage: 4, dropped: 0 },
  blind35: { refusals: 6, floor: 0.5, size: 71, onPage: 3, dropped: 0 },
  blind36: { refusals: 11, floor: 0.6, size: 189, onPage: 7, dropped: 0 },
  blind37: { refusals: 2, floor: 1, size: 332, onPage: 2, dropped: 0 },
  blind38: { refusals: 2, floor: 0.5, size: 397, onPage: 1, dropped: 0 },
  blind39: { refusals: 27, floor: 0.55, size: 118, onPage: 15, dropped: 1 },
  blind40: { refusals: 37, floor: 0.78, size: 140, onPage: 29, dropped: 3 },
  blind41: { refusals: 81, floor: 0.66, size: 289, onPage: 56, dropped: 0 },
  blind42: { refusals: 98, floor: 0.96, size: 637, onPage: 95, dropped: 1 },
  blind43: { refusals: 49, floor: 0.73, size: 112, onPage: 36, dropped: 0 },
  blind44: { refusals: 20, floor: 0.5, size: 54, onPage: 10, dropped: 0 },
  blind45: { refusals: 0, floor: 0, size: 110, onPage: 0, dropped: 0 },
  blind46: { refusals: 37, floor: 0.29, size: 278, onPage: 11, dropped: 0 },
  blind47: { refusals: 0, floor: 0, size: 200, onPage: 0, dropped: 0 },
  blind48: { refusals: 9, floor: 0.66, size: 142, onPage: 6, dropped: 1 },
  blind49: { refusals: 0, floor: 0, size: 232, onPage: 0, dropped: 0 },
  blind50: { refusals: 32, floor: 0.25, size: 96, onPage: 8, dropped: 1 },
  blind51: { refusals: 3, floor: 1, size: 33, onPage: 1, dropped: 0 },
  blind52: { refusals: 22, floor: 0.95, size: 129, onPage: 21, dropped: 3 },
  blind53: { refusals: 8, floor: 1, size: 57, onPage: 1, dropped: 0 },
  blind54: { refusals: 13, floor: 0.76, size: 67, onPage: 10, dropped: 0 },
  blind55: { refusals: 26, floor: 0.19, size: 102, onPage: 5, dropped: 1 },
  blind56: { refusals: 8, floor: 1, size: 77, onPage: 8, dropped: 0 },
  blind57: { refusals: 16, floor: 0.56, size: 71, onPage: 9, dropped: 0 },
  blind58: { refusals: 4, floor: 1, size: 76, onPage: 4, dropped: 0 },
  blind59: { refusals: 6, floor: 1, size: 71, onPage: 6, dropped: 0 },
  blind60: { refusals: 6, floor: 0, size: 71, onPage: 0, dropped: 0 },
  blind61: { refusals: 9, floor: 0.88, size: 73, onPage: 8, dropped: 1 },
  blind62: { refusals: 18, floor: 0.27, size: 72, onPage: 5, dropped: 1 },
  blind63: { refusals: 10, floor: 0.5, size: 61, onPage: 5, dropped: 0 },
  blind64: { refusals: 11, floor: 0.27, size: 77, onPage: 2, dropped: 1 },
  blind65: { refusals: 18, floor: 0.88, size: 61, onPage: 16, dropped: 0 },
  blind66: { refusals: 8, floor: 0.37, size: 64, onPage: 3, dropped: 0 },
  blind67: { refusals: 5, floor: 0.2, size: 50, onPage: 1, dropped: 0 },
  blind68: { refusals: 11, floor: 0.81, size: 68, onPage: 9, dropped: 0 },
  blind69: { refusals: 8, floor: 0.62, size: 65, onPage: 5, dropped: 0 },
};

/**
 * Services whose reference refusals the rest of the engine cannot all recognise, and why.
 * Every other service must reach 90 %.
 */
/**
 * Pooled over the blind sets, the refusals in the software's own words that carry a sign of where
 * the reader is (wordingOf): what the recogniser is for, apart from opaque errors and people's own
 * accounts. Measured by npm run eval. Set 41 brought 87 such refusals, twenty of them in
 * languages no phrase list reads (Perplexity's and Chrome DevTools' translations into Kazakh, Czech,
 * Greek, Tamil and twelve others), which took the figure from 82 % to 77 %. Set 42 brought 226
 * more, 151 of them in the forty-eight languages no list reads (Chrome DevTools' and ChatGPT's
 * translations into Catalan, Czech, Greek, Swahili, Tamil…): 456 of 737 (62 %). Lists for six of
 * those languages (Belarusian, Kazakh, Czech, Romanian, Bulgarian, Greek), each written from
 * DevTools' string and ChatGPT's unsupported-country message, then read 8 of their other 17: 464 of 726 (64 %).
 * Set 43 (Claude's own strings in eleven languages, collected after those lessons) added 48 such
 * refusals, 39 of them read: 503 of 774 (65 %). Set 44 (what people pasted into issues, in Chinese,
 * Russian and English) added 10, 9 read: 512 of 784 (65 %). The reason a country could not be
 * placed, written into ten more languages from set 42's strings, left 512 of 774 (66 %). Lists for
 * forty-one more languages (Afrikaans to Zulu), each written from DevTools' string and ChatGPT's
 * unsupported-country message where both exist, then read 33 of the other refusals of sets 40 to 42
 * (ChatGPT's unsupported-region error, Perplexity's and ChatGPT's Android app's) and no look-alike: 545 of 702 (77 %).
 * Set 45 (ChromeOS's 'Your current location isn't supported' in thirty-four languages, collected
 * after those lists) added 34, 1 read: 546 of 736 (74 %). All 34 then taught the lists their words
 * for 'location' and 'is not supported', and left the figure at 545 of 702. ChatGPT's reason for a
 * country it cannot place, written into twenty-nine of the new lists from their set-42 strings
 * (Somali's is left out: Spanish 'si', if, in 'si looga' reads as a hedge), left 545 of 673 (81 %).
 * Set 46 (ChatGPT's older wordings of the same three sign-in errors, collected after) added 12, 11
 * read: 556 of 685 (81 %). Somali's message then read too, once a phrase of one language ('si
 * looga') could hide another's hedge ('si'), and left 556 of 684. Set 48 (the same ChromeOS message
 * in the forty-six other locales, most of them languages with older lists) added 46, 10 read: 566
 * of 730 (78 %). Its lessons (each language's 'location' and 'is not supported' where the list lacked
 * them; Bulgarian 'може да се' as a phrase that holds Ukrainian 'може', may) left 563 of 693 (81 %).
 * Set 50 (what people pasted into issues of 2025-2026, collected after) added 10, 7 read: 570 of 703
 * (81 %); the three missed are Claude Code's start-up banner, whose only word about a region is its
 * own hedge. Set 51 (pages and API responses as the extension sees them) added 1, read: 571 of 704.
 * ChatGPT's own region message in Hungarian, Swahili and Somali then taught those lists their 'your
 * region' and left the set: 571 of 701.
 * Set 52 (AI clients' own strings, and the services' messages as people pasted them into issues,
 * collected after) added 21, 20 read: 588 of 716 (82 %); the one missed is Claude Code's banner.
 * Chinese '不在 … 提供' (not offered in …), taught by set 39's Claude plan string, left 588 of 715.
 * Set 53 (API responses as SDKs' test data and probes captured them, and pages quoting a service,
 * collected after) added 7, all read: 595 of 722 (82 %).
 * Set 54 (AI SDK errors as programs print them, pasted into issues) added 10, 7 read: 602 of 732
 * (82 %). Czech, Slovak and Kazakh words of Perplexity's medical-records region screen, taught by
 * three of set 41's refusals, left 602 of 729 (83 %). Set 55 (what Iranian and Russian-speaking
 * users were shown, sanctions blocks of developer platforms among them, and AI errors printed by
 * Java, PHP and other programs) added 10, 5 read: 607 of 739 (82 %). Set 56 (docs that quote a
 * refusal, and what users writing in Japanese, Korean, Vietnamese and Turkish were shown) added 7,
 * all read: 614 of 746 (82 %). Set 57 (refusals pasted among other errors, and what users in
 * mainland China, Hong Kong and Macau met in 2025-2026) added 8, all read: 622 of 754 (82 %). Set
 * 58 (the services' own help pages, and refusals received among other status lines) added 4, all
 * read: 626 of 758 (83 %). Set 59 (AI products of late 2025 and 2026, and rarely tested languages)
 * added 6, 5 read: 631 of 764 (83 %). Set 60 (responses recorded in cassettes, pages of the
 * services' hosts) added 5, none read, all Colab's hedged 'This may be due to a restriction in your
 * location': 631 of 769 (82 %). Set 59's one miss, Antigravity CLI's refusal under a reporter's
 * 'Example: when I upgraded …', then taught the example guard the first person: 631 of 768 (82 %).
 * Set 61 (errors inside streams, and the apps' own strings) added 9, 8 read: 639 of 777 (82 %).
 * Set 62 (AI services the lists do not name, and Asian services refusing people abroad) added 6,
 * 5 read: 644 of 783 (82 %). Set 63 (people in Iran, the Arab world and Latin America, in Persian,
 * Arabic, Spanish and Portuguese) added 6, 5 read: 649 of 789 (82 %). Set 64 (the vendors' docs
 * in other languages, and people in Hong Kong and Macau) added 3 once its two informing cases
 * left, 2 read: 651 of 792 (82 %). Set 65 (refusals saved in run logs, test reports and data files,
 * and inside log lines) added 18 once its informing case left, 16 read: 667 of 810 (82 %); the two
 * missed are diagnosis notes laid out as a troubleshooting guide's problem and cause. Set 66
 * (developers' notes in Chinese laid out as problem, cause and solution, and refusals that hit a
 * server) added 4, 3 read: 670 of 814 (82 %); the miss is a report laid out as problem and solution.
 * Set 67 (personal blogs in ten languages) added 2, 1 read: 671 of 816 (82 %); the miss is
 * Cloudflare's block pages, which name no place, quoted under a Russian author's own account.
 * Set 68 (reports of June to December 2026 in the AI vendors' own trackers) added 8, 7 read: 678 of
 * 824 (82 %); the miss is a client's status naming its proxy's region, not the reader's. Set 69
 * (reports of the same months in gateways' and chat clients' trackers) added 4, all read: 682 of
 * 828 (82 %).
 */
const SHOWN_WITH_REGION = { refusals: 828, floor: 0.82 };

/** Missed pasted refusals of the held-out sets on which the checker page offers to ask the service (measured: 13; set 50 added two Claude Code banners). */
const GUESSED_REFUSALS_FLOOR = 13;

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

describe('leave one service out', () => {
  const rows = leaveOneServiceOut([
    ...reference,
    ...holdouts.flatMap(({ cases }) =>
      cases.filter((testCase) => testCase.expect === 'clean' && !(testCase.id in KNOWN_FALSE_ALARMS)),
    ),
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

  it.each(holdouts.map(({ set, cases }) => [set, cases] as const))(
    '%s: raises no false alarm but the known ones and recognises its refusals at the measured floor',
    (set, cases) => {
      const outcomes = cases.map((testCase) => judge(everything, testCase));
      const alarms = outcomes.filter((outcome) => outcome.falseAlarm).map((outcome) => outcome.testCase.id);
      const known = cases
        .filter((testCase) => testCase.id in KNOWN_FALSE_ALARMS)
        .map((testCase) => testCase.id);
      expect(alarms.sort()).toEqual(known.sort());
      const refusals = outcomes.filter((outcome) => outcome.testCase.expect === 'block');
      expect(refusals.length).toBeGreaterThanOrEqual(MEASURED[set].refusals);
      // A set of look-alikes only (set 19: the services' own pages in other languages) has no recall.
      if (refusals.length === 0) return;
      expect(refusals.filter((outcome) => outcome.caught).length / refusals.length).toBeGreaterThanOrEqual(
        MEASURED[set].floor,
      );
    },
  );

  it.each(
    holdouts
      .filter(({ set }) => set !== 'holdout')
      .map(({ set, file, cases }) => [set, file, cases] as const),
  )(
    'keeps %s blind: sourced, dated, and the cases that informed a rule left out of its figures',
    (set, file, cases) => {
      expect(file.cases.length).toBeGreaterThanOrEqual(MEASURED[set].size);
      for (const entry of file.cases) expect(entry.source).toMatch(/^https?:\/\//);
      expect(new Set(file.cases.map((entry) => entry.id)).size).toBe(file.cases.length);
      const informed = file.cases.filter((entry) => entry.usedForRules);
      for (const entry of informed) expect(entry.note, entry.id).toMatch(/used for tuning/);
      expect(cases.length).toBe(file.cases.length - informed.length);
    },
  );

  // Pages and responses are what the extension observes by itself, on the services' own hosts;
  // pasted text reaches the engine only when a person asks the "Check an error message" page.
  it('raises no page or response look-alike of any held-out set: the known false alarms are all pasted text', () => {
    let checked = 0;
    for (const { set, cases } of holdouts) {
      for (const testCase of cases.filter((candidate) => candidate.expect === 'clean')) {
        if (testCase.observation.kind === 'text') continue;
        checked++;
        expect(testCase.id in KNOWN_FALSE_ALARMS, `${set}: ${testCase.id}`).toBe(false);
        expect(judge(everything, testCase).falseAlarm, `${set}: ${testCase.id}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(266);
  });

  it('says of every held-out refusal whose words it is in, and of every blind one whether it says where the reader is', () => {
    for (const { set, file } of holdouts) {
      for (const entry of file.cases.filter((candidate) => candidate.expect === 'block')) {
        expect(entry.wording, `${set}: ${entry.id}`).toBeDefined();
        expect(entry.regionInText, `${set}: ${entry.id}`).toBeDefined();
      }
    }
  });

  it('recognises the software’s own messages that say where the reader is at the measured floor, pooled over the blind sets', () => {
    const pooled = holdouts
      .filter(({ set }) => set !== 'holdout')
      .flatMap(({ cases }) => cases.map((testCase) => judge(everything, testCase)));
    const shown = pooled.filter((outcome) => wordingOf(outcome) === SHOWN_WITH_REGION_GROUP);
    expect(shown.length).toBeGreaterThanOrEqual(SHOWN_WITH_REGION.refusals);
    expect(shown.filter((outcome) => outcome.caught).length / shown.length).toBeGreaterThanOrEqual(
      SHOWN_WITH_REGION.floor,
    );
    // Every case of every set read afresh: seconds alone, longer beside the other files' workers.
  }, 60_000);

  it('holds out only cases with a public source, and says which were used to write the lists', () => {
    const { file, cases } = readHoldout('holdout');
    expect(file.cases.length).toBeGreaterThan(MEASURED.holdout.size);
    for (const entry of file.cases) expect(entry.source).toMatch(/^https:\/\/github\.com\//);
    expect(cases.length).toBe(file.cases.filter((entry) => !entry.usedForRules).length);
  });
});

describe('the guesses the "Check an error message" page offers', () => {
  const everything = rulesWithout();
  const offered = guessesOffered(
    everything,
    holdouts.flatMap(({ cases }) => cases),
  ).filter((outcome) => outcome.guess !== null);

  it('offers to ask the service on missed refusals that only guess, and on no look-alike but the listed ones', () => {
    const lookAlikes = offered.filter((outcome) => outcome.testCase.expect === 'clean');
    expect(lookAlikes.map((outcome) => outcome.testCase.id).sort()).toEqual(
      Object.keys(GUESSED_LOOK_ALIKES).sort(),
    );
    const refusals = offered.filter((outcome) => outcome.testCase.expect === 'block');
    expect(refusals.length).toBeGreaterThanOrEqual(GUESSED_REFUSALS_FLOOR);
  });
});

describe('caught through the page prefilter', () => {
  const everything = rulesWithout();

  // Page and pasted-text refusals the engine recognises but the prefilter would not send, per set
  // (pasted text stands in for a page's text). Measured; a change that drops more fails here.
  it.each([
    ['reference', reference, 43, 0],
    ...holdouts.map(({ set, cases }) => [set, cases, MEASURED[set].onPage, MEASURED[set].dropped] as const),
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
    const banner = readHoldout('holdout').cases.find(
      (testCase) => testCase.id === 'claude-page-only-certain-regions',
    );
    expect(banner).toBeDefined();
    const none = throughPrefilter(everything, banner as (typeof reference)[number], () => false);
    expect([none.caught, none.byUrl, none.caughtThrough]).toEqual([true, false, false]);
  });
});

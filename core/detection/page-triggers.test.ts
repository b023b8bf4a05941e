import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../services';
import { AddedTextCollector, matchingExcerpts } from '../watch/page-text';
import { builtInRules, classifyObservation } from './index';
import { normaliseKeyword } from './keyword-automaton';
import { mightMatterForPage, normalisePageText, PAGE_TRIGGERS, REFUSAL_SHAPE } from './page-triggers';
import { loadRecogniserData } from './recogniser/data';
import { observationOf, type ReferenceSignature } from './signature-observation';

/** Page rules that can fire on some page: their service has hosts, or they read any/known hosts. */
function pageRules() {
  const hosted = new Set(
    SERVICES.filter((service) =>
      service.products.some((product) => product.hosts.length > 0 || (product.hostPatterns ?? []).length > 0),
    ).map((service) => service.slug),
  );
  return builtInRules().rules.filter(
    (rule) => rule.kinds.includes('page') && (rule.hosts !== 'service' || hosted.has(rule.service)),
  );
}

/** The trigger list the rules call for: see page-triggers.ts. */
function derivedTriggers(): string[] {
  const phrases = new Set<string>();
  for (const rule of pageRules()) {
    for (const phrase of Object.values(rule.text ?? {}).flat()) phrases.add(normaliseKeyword(phrase));
    for (const conditions of rule.json ?? []) {
      const values = conditions.map((c) => normaliseKeyword(String(c.equals ?? c.contains)));
      phrases.add(values.reduce((a, b) => (b.length > a.length ? b : a)));
    }
  }
  const all = [...phrases];
  return all
    .filter((p) => !all.some((q) => q !== p && p.includes(q)))
    .filter((p) => !passedByShape(p))
    .sort();
}

/** REFUSAL_SHAPE passes the phrase wherever it stands (alone, among words, between dots): a trigger would add nothing. */
function passedByShape(phrase: string): boolean {
  return [phrase, `x ${phrase} x`, `x.${phrase}.`].every((text) => REFUSAL_SHAPE.test(text));
}

const SIGNATURES = (
  JSON.parse(
    readFileSync(new URL('../../reference/block-signatures.json', import.meta.url), 'utf8'),
  ) as unknown[]
).map((entry) => entry as ReferenceSignature);

/** Chat text about exactly what Detour's users talk about, without any block phrase in it. */
function chatTokens(count: number, seed = 7): string[] {
  const words = [
    'the',
    'model',
    'is',
    'available',
    'in',
    'your',
    'region',
    'supported',
    'country',
    'not',
    'API',
    'allowed',
    'unavailable',
    'VPN',
    'service',
    'support',
    'location',
    'currently',
    'isn’t',
    'users',
    'access',
    'Gemini',
    'ChatGPT',
    'Claude',
    'error',
    'code',
    'site',
    'load',
    'free',
    'tier',
    'this',
    'provider',
    'serve',
    'disabled',
    'banned',
    '不支持',
    '地区',
    '不可用',
    'поддерживается',
    'yet',
    'which',
    'regions',
    'countries',
    'data',
    'center',
    'for',
    'to',
    'from',
    '1009',
    'request',
  ];
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => `${words[Math.floor(random() * words.length)]} `);
}

/** The prefilter lets every refusal through and holds back every chat line, each named on failure. */
function expectPassesOnly(refusals: readonly string[], chats: readonly string[]): void {
  for (const refusal of refusals) expect(mightMatterForPage(refusal), refusal).toBe(true);
  for (const chat of chats) expect(mightMatterForPage(chat), chat).toBe(false);
}

describe('mightMatterForPage', () => {
  it('holds exactly the phrases the page rules call for', () => {
    // On failure: paste the received list into PAGE_TRIGGERS.
    expect([...PAGE_TRIGGERS].sort()).toEqual(derivedTriggers());
  });

  it('covers every phrase of every page rule', () => {
    const covered = (phrase: string) =>
      PAGE_TRIGGERS.some((t) => normaliseKeyword(phrase).includes(t)) ||
      passedByShape(normaliseKeyword(phrase));
    const uncovered: string[] = [];
    for (const rule of pageRules()) {
      for (const phrase of Object.values(rule.text ?? {}).flat())
        if (!covered(phrase)) uncovered.push(`${rule.id}: ${phrase}`);
      for (const conditions of rule.json ?? [])
        if (!conditions.some((c) => covered(String(c.equals ?? c.contains))))
          uncovered.push(`${rule.id}: ${JSON.stringify(conditions)}`);
    }
    expect(uncovered).toEqual([]);
  });

  it('reads text the way the engine does', () => {
    const samples = [
      'Gemini ISN’T  currently\u00a0supported',
      'a\u200bb\u2013c “d” ʼe′',
      'x\n\t<p>y</p>',
      'НЕ Поддерживается',
    ];
    for (const s of samples) expect(normalisePageText(s).trim()).toBe(normaliseKeyword(s));
    expect(normalisePageText('Gemini isn&rsquo;t currently supported in your country')).toContain(
      "gemini isn't currently supported in your country",
    );
    // Any numeric reference, in either case of 'x'; one past Unicode's range is a space, as the engine reads it.
    expect(normalisePageText('Gemini isn&#X2019;t available in your country&#99999999;')).toBe(
      "gemini isn't available in your country ",
    );
  });

  it('passes every signature the engine blocks as page text', () => {
    const missed: string[] = [];
    let blocked = 0;
    for (const signature of SIGNATURES) {
      const observation = observationOf(signature);
      if (observation.kind !== 'page' || observation.url === undefined) continue;
      if (classifyObservation(observation).verdict !== 'block') continue;
      // Blocks the URL alone decides (a redirect to a region page) need no page text.
      if (classifyObservation({ ...observation, body: '' }).verdict === 'block') continue;
      blocked++;
      if (!mightMatterForPage(signature.body)) missed.push(signature.id);
    }
    expect(blocked).toBeGreaterThan(15);
    expect(missed).toEqual([]);
  });

  it('is true for block banners in their page forms, false for ordinary and look-alike text', () => {
    expect(mightMatterForPage('Gemini isn’t currently SUPPORTED in your country.')).toBe(true);
    expect(mightMatterForPage('Gemini НЕ ПОДДЕРЖИВАЕТСЯ в вашей   стране')).toBe(true);
    expect(mightMatterForPage('该服务在你所在的地区不可用。')).toBe(true);
    expect(
      mightMatterForPage('Unable to\u200b load\nsite. If you are using a VPN, try turning it off.'),
    ).toBe(true);
    expect(mightMatterForPage('Here is a recipe for pancakes with three eggs.')).toBe(false);
    expect(mightMatterForPage('Is Claude available in my country? Which regions are supported?')).toBe(false);
    expect(mightMatterForPage('Turn the VPN off; the API is not supported there. 该功能不支持')).toBe(false);
    expect(mightMatterForPage('')).toBe(false);
  });

  it('sends nothing for 20,000 tokens of chat about regions, and the real banners after it', () => {
    const sent: string[] = [];
    const timers: Array<() => void> = [];
    const collector = new AddedTextCollector(
      mightMatterForPage,
      (excerpt) => {
        sent.push(excerpt);
      },
      { setTimeout: (fn) => timers.push(fn) },
    );
    const tokens = chatTokens(20_000);
    const joined = tokens.join('');
    for (const word of ['available', 'region', 'supported', 'country']) expect(joined).toContain(word);
    // Streamed as a chat streams: paragraphs of 30 to 80 tokens, processed every few tokens.
    let paragraph = '';
    for (const [i, token] of tokens.entries()) {
      paragraph += token;
      if (i % 5 === 4) {
        collector.onMutations([
          {
            type: 'characterData',
            addedNodes: [],
            target: { isConnected: true, textContent: paragraph },
          } as never,
        ]);
        for (const fn of timers.splice(0)) fn();
      }
      if (i % 50 === 49) paragraph = '';
    }
    expect(sent).toEqual([]);
    expect(matchingExcerpts(joined, mightMatterForPage)).toEqual([]);

    const banners = SIGNATURES.filter(
      (s) =>
        (s.channel === 'banner' || s.channel === 'page') &&
        s.expect === 'block' &&
        // Banners seen on a page (entries without a URL are pasted text, not a page's).
        observationOf(s).kind === 'page' &&
        classifyObservation(observationOf(s)).verdict === 'block' &&
        classifyObservation({ ...observationOf(s), body: '' }).verdict === 'clean',
    );
    expect(banners.length).toBeGreaterThan(15);
    for (const banner of banners) {
      collector.onMutations([
        {
          type: 'childList',
          addedNodes: [{ nodeType: 3, isConnected: true, textContent: banner.body }],
        } as never,
      ]);
      for (const fn of timers.splice(0)) fn();
    }
    // Each distinct banner text is sent (the collector sends one text once).
    expect(sent.length).toBe(new Set(banners.map((banner) => banner.body.trim())).size);
    expect(banners.every((banner) => mightMatterForPage(banner.body))).toBe(true);
  });

  it('passes the refusals the recogniser reads, in every language it reads, and not their look-alikes', () => {
    const data = loadRecogniserData();
    for (const language of data.languages) {
      for (const refusal of language.samples.refusal) expect(mightMatterForPage(refusal), refusal).toBe(true);
    }
    expect(mightMatterForPage('該服務在你所在的地區不可用。')).toBe(true);
    expect(mightMatterForPage('Thisserviceisnotavailableinyourregion.')).toBe(true);
    expect(mightMatterForPage('ＯｐｅｎＡＩ’s services are not available in your country.')).toBe(true);
    expect(mightMatterForPage('Which regions is Gemini available in? Is my country supported?')).toBe(false);
    // A terse error that opens with the place, and the Russian refusal in either order.
    expect(mightMatterForPage('{"error":{"code":403,"message":"Region not supported."}}')).toBe(true);
    expect(mightMatterForPage('Country is not supported')).toBe(true);
    expect(mightMatterForPage('Which region is not supported? The region not supported here is EU.')).toBe(
      false,
    );
    expect(mightMatterForPage('появляется сообщение "ваша страна не поддерживается"')).toBe(true);
    expect(mightMatterForPage('Ваш регион недоступен')).toBe(true);
    expect(mightMatterForPage('Какие страны не поддерживаются? В вашем регионе всё работает.')).toBe(false);
  });

  it('passes Korean, Persian, Arabic and Ukrainian refusals in the forms real text writes them, not questions about regions', () => {
    // Korean with its spaces lost; Persian typed with Arabic yeh and kaf, with and without the zero-width non-joiner.
    expect(mightMatterForPage('현재지역에서는이모델서비스가지원되지않습니다')).toBe(true);
    expect(mightMatterForPage('귀하의 현재 위치는 해당 모델 서비스를 지원하지 않습니다.')).toBe(true);
    expect(mightMatterForPage('متأسفیم، منطقه شما از این سرویس پشتيباني نمي\u200cكند.')).toBe(true);
    expect(mightMatterForPage('Gemini گفت كشور شما پشتیبانی نمی شود')).toBe(true);
    expect(mightMatterForPage('نعتذر، لا يدعم موقعك الحالي هذه الخدمة.')).toBe(true);
    expect(mightMatterForPage('어떤 지역에서 Gemini를 지원하나요? 한국은 지원됩니다.')).toBe(false);
    expect(mightMatterForPage('کدام کشورها از Gemini پشتیبانی می\u200cکنند؟ ایران در فهرست هست؟')).toBe(
      false,
    );
    expect(mightMatterForPage('ما هي الدول التي يدعمها Gemini؟ هل بلدي مدعوم؟')).toBe(false);
    expect(mightMatterForPage('Ця послуга наразі недоступна у вашому регіоні.')).toBe(true);
    expect(mightMatterForPage('У якій країні ви живете? Relay відтепер доступний у вашій країні.')).toBe(
      false,
    );
  });

  it('passes Chinese refusals worded with 不受支持, 不支援, 无法使用 or 未开放, in either script, not their look-alikes', () => {
    expect(mightMatterForPage('您所在的国家或地区不受支持')).toBe(true);
    expect(mightMatterForPage('您所在地區不支援此服務')).toBe(true);
    expect(mightMatterForPage('此服務在您所在的國家/地區無法使用')).toBe(true);
    expect(mightMatterForPage('您所在的地区暂未开放此服务')).toBe(true);
    expect(mightMatterForPage('所在地區尚未開放')).toBe(true);
    expect(mightMatterForPage('该功能暂未开放，敬请期待')).toBe(false);
    expect(mightMatterForPage('请求的语言不受支持。请尝试使用支持的语言。')).toBe(false);
    expect(mightMatterForPage('我们将陆续开放更多国家和地区。')).toBe(false);
  });

  it('passes a Cantonese refusal (嘅 for 的), Vietnamese “vị trí của bạn” and German “Ihr Standort wird nicht …”', () => {
    expect(mightMatterForPage('Gemini API 在你所在嘅地區不可用。請嘗試：')).toBe(true);
    expect(mightMatterForPage('Xin lỗi, vị trí của bạn không hỗ trợ dịch vụ mô hình này.')).toBe(true);
    expect(mightMatterForPage('Ihr Standort wird nicht unterstützt.')).toBe(true);
    expect(mightMatterForPage('你嘅地區有咩好食？')).toBe(false);
  });

  it('passes the refusals of the vendors’ localised texts, not chat about which countries are supported', () => {
    expectPassesOnly(
      [
        'Claude Code no está disponible en su país.',
        'Claude Code ist in Ihrem Land nicht verfügbar.',
        'Claude Code non è disponibile nel tuo paese.',
        'Claude Code tidak tersedia di negara Anda.',
        'Claude Code는 귀국에서 사용할 수 없습니다.',
        'Gemini API の無料枠は、お住まいの国ではご利用いただけません。',
        'هذه الخدمة غير متاحة في بلدك.',
        'Извините, ваше текущее местоположение не поддерживает эту службу модели.',
        // Clients' own words for the same refusals.
        'Claude.ai bölgenizde mevcut değil',
        'Claude.ai는 귀하의 지역에서 사용할 수 없습니다',
        'Gemini API 在您的地區無法使用。',
        'Jules 暂未在您的区域提供服务',
        'Jules 目前尚未在您所在的地區提供服務。',
        '很抱歉，Claude 目前仅在部分地区可用。',
        'Claude 目前僅在部分地區可用。',
        'خدمة Gemini غير متاحة في منطقتك الجغرافية حاليًا.',
        'Bölgenizde desteklenmiyor',
        'Diese Funktion ist in deiner Region nicht verfügbar.',
        'Прямой доступ к Google Gemini заблокирован в вашем регионе.',
        'Доступ к OpenAI ограничен в вашем регионе.',
      ],
      [
        '¿En qué países está disponible Claude? ¿Mi país está en la lista?',
        'In welchen Ländern ist Claude verfügbar? Ist mein Land dabei?',
        'Claude はどの国で利用できますか？',
        'Claude는 어느 국가에서 사용할 수 있나요?',
        'Bu model bölgenizde mevcut mu?',
        'あなたの国ではどのモデルが人気ですか？',
      ],
    );
  });

  it('passes the forty-first set’s translations: vowel marks, words between, the separate possessive', () => {
    expectPassesOnly(
      [
        'هذه الميزة غير متوفّرة في منطقتك.',
        // The Arabic marks the engine's reading drops: a tatweel stretching a letter, a vowel mark.
        'هذه الميزة غير متـوفِّرة في منطقتك.',
        'يتعذر حاليًا استخدام Gemini في منطقتك.',
        'Gemini در منطقه شما دردسترس نیست.',
        'यह सुविधा आपके इलाके में उपलब्ध नहीं है.',
        'आपके क्षेत्र में यह सुविधा वर्तमान में उपलब्ध नहीं है।',
        'Gemini לא זמינה באזור שלך.',
        'Gemini в вашем регионе в настоящее время недоступен.',
        'Gemini no está disponible actualmente en tu región.',
        'O Gemini está indisponível no momento na sua região.',
        'Non supportato nella tua regione',
        'Meta AI isn’t available yet in your country',
        'Access to Anthropic models is not allowed from unsupported countries',
      ],
      [
        'Какие страны не поддерживаются? В вашем регионе всё работает.',
        'В вашем регионе. Недоступно другое.',
        '无法连接到服务器，请检查您所在地区的网络设置。',
      ],
    );
  });

  it('passes the forty-second set’s forms: the reason a country could not be placed, plurals, possessives, the verb around the place', () => {
    expectPassesOnly(
      [
        '我们无法确定您的原籍国以执行地理限制。请使用其他网络。',
        '我們無法確定您的原籍國以實施地理限制。',
        '我們無法確定你的來源國家/地區以執行地域限制。',
        '我們無法確定您的國家，無法實施地理位置限制。',
        'OpenAI 的服務無法在你所在的國家/地區使用。',
        'خدمات OpenAI ليست متاحة في دولتك.',
        // The same messages in the languages whose forms set 42 brought.
        'Les services d’OpenAI ne sont pas accessibles dans votre pays.',
        'Cette fonctionnalité n’est pas offerte dans votre région.',
        'OpenAIs tjenester er ikke tilgjengelige i landet ditt.',
        'OpenAI:s tjänster är inte tillgängliga i ditt land.',
        'OpenAI:n palvelut eivät ole saatavilla maassasi.',
        'Tämä ominaisuus ei ole käytettävissä alueellasi.',
        'שירותי OpenAI אינם זמינים במדינה שלך.',
        'OpenAI की सेवाएँ आपके देश में उपलब्ध नहीं हैं।',
        'Perkhidmatan OpenAI tidak tersedia di rantau anda.',
        'No pudimos determinar tu país de origen para aplicar las restricciones geográficas.',
        'Wir konnten Ihr Herkunftsland nicht ermitteln, um geografische Einschränkungen anzuwenden.',
        'Мы не смогли определить страну вашего происхождения, чтобы обеспечить соблюдение географических ограничений.',
        'Kami tidak dapat menentukan negara asal Anda untuk memberlakukan batasan geografis.',
        'Coğrafi kısıtlamaları yürürlüğe koymak için kaynak ülkeni belirleyemedik.',
        '지리적 제한을 적용하기 위해 귀하의 출신 국가를 확인할 수 없습니다.',
      ],
      [
        '地理限制是什么意思？',
        '无法在手机上使用吗？',
        '这个模型在你所在的国家很流行。',
        'Les services sont accessibles depuis votre compte.',
        'Tjenesten er tilgjengelig i hele landet.',
        'Palvelut ovat saatavilla kaikissa maissa.',
        'Los servicios están disponibles en muchos países.',
        'ما هي الدول التي تتوفر فيها الخدمة؟',
      ],
    );
  });

  it('stays dependency-free and small', () => {
    const source = readFileSync(new URL('./page-triggers.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import /m);
    // The four signature phrases the shapes do not pass, plus the refusal shapes of seventy-three
    // languages: about 7 KB of source (Hangul, Thai, Indic, Ethiopic and Georgian letters take
    // three bytes each, Arabic, Armenian and Cyrillic two; docs/ARCHITECTURE.md has the cost). The
    // shapes hold the signatures' other phrases; ChromeOS's 'your current location is not supported'
    // is not among them, since no page shows it.
    expect(gzipSync(source).length).toBeLessThan(7010);
    expect(REFUSAL_SHAPE.source.length).toBeLessThan(5590);
  });
});

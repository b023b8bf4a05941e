/**
 * Who refused, by the names in the text (service-names.json): every name points at a service and
 * product Detour knows; a pasted refusal that names a service is attributed to it; words that are
 * also ordinary words or people's names are not read as a service.
 *
 * The refusals below are constructed tests of attribution, not quotes: a service's name put in
 * front of refusal sentences seen in public reports, so that only the name decides who refused.
 * The sentences and where each was seen:
 * - "This service is not available in your region." grok.com's and accounts.x.ai's refusal
 *   (reference signature grok-com-service-not-available-region; AaronL725/grok-register#75).
 * - "OpenAI's services are not available in your country." (help.openai.com article 7947663).
 * - "该服务在你所在的地区不可用。" Microsoft's Chinese Bing banner (reference signature
 *   bing-chat-zh-service-unavailable-region; AI-Anywhere/AI-Anywhere#231).
 * A refusal a signature knows keeps the signature's service: Cloudflare's 1009 page naming
 * api.cerebras.ai stays "a site behind Cloudflare", LobeChat's Chinese message stays LobeChat's.
 */
import { describe, expect, it } from 'vitest';
import { productName, SERVICES, serviceName } from '../../services';
import { classifyObservation } from '../index';
import type { Observation } from '../observation';
import { loadRecogniserData } from './data';
import { UNNAMED_SERVICE } from './recogniser';

const REFUSAL = 'This service is not available in your region.';
const OPENAI_REFUSAL = 'OpenAI’s services are not available in your country.';

/** Who refused a pasted text, when it is a refusal at all. */
function whoRefused(body: string): { service: string; product: string } | null {
  const verdict = classifyObservation({ kind: 'text', body } as Observation);
  return verdict.verdict === 'block' ? { service: verdict.service, product: verdict.product } : null;
}

describe('service-names.json', () => {
  const { names } = loadRecogniserData();

  it('names only services and products that services.json knows', () => {
    for (const entry of names) {
      const service = SERVICES.find((candidate) => candidate.slug === entry.service);
      expect(service, entry.name).toBeDefined();
      if (entry.product) {
        expect(
          service?.products.some((product) => product.slug === entry.product),
          `${entry.name} → ${entry.service}/${entry.product}`,
        ).toBe(true);
      }
    }
  });

  it('gives each name once for each service and product', () => {
    const keys = names.map((entry) => `${entry.name}|${entry.service}|${entry.product ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('who refused, by a name in pasted text', () => {
  it.each([
    // Services that refuse some region (each name's source is in service-names.json).
    [`Groq: ${REFUSAL}`, 'groq', 'api'],
    [`GroqCloud API error: ${REFUSAL}`, 'groq', 'api'],
    [`Cerebras: ${REFUSAL}`, 'cerebras', 'inference-api'],
    [`DeepSeek: ${REFUSAL}`, 'deepseek', 'chat'],
    [`Hugging Face: ${REFUSAL}`, 'huggingface', 'hub'],
    [`huggingface_hub error: ${REFUSAL}`, 'huggingface', 'hub'],
    [`Moonshot AI: ${REFUSAL}`, 'moonshot', 'kimi'],
    [`Kimi K2: ${REFUSAL}`, 'moonshot', 'kimi'],
    [`POST https://api.moonshot.ai/v1/chat/completions: ${REFUSAL}`, 'moonshot', 'kimi'],
    ['Kimi API 报错：该服务在你所在的地区不可用。', 'moonshot', 'kimi'],
    // Services beyond the big five, each seen refusing a region (sources in service-names.json).
    ['Freebuff is not available in your country.', 'codebuff', 'freebuff'],
    [`Codebuff: ${REFUSAL}`, 'codebuff', 'freebuff'],
    ['为什么还说我当前地区无法使用？你们trae无法注册', 'trae', 'ide'],
    [`扣子: ${REFUSAL}`, 'coze', 'coze'],
    [
      '[error][error-handler.ts<41,12>] 即梦API请求失败: ret=3000, errmsg=region not allow',
      'jimeng',
      'jimeng',
    ],
    [`manus.im: ${REFUSAL}`, 'manus', 'manus'],
    [`bolt.new: ${REFUSAL}`, 'bolt', 'bolt-new'],
    [
      'BotBooru: Not available in your region - Due to local laws in the United Kingdom',
      'botbooru',
      'botbooru',
    ],
    // Products of companies already listed.
    [`Google Jules: ${REFUSAL}`, 'google', 'jules'],
    [`jules.google.com: ${REFUSAL}`, 'google', 'jules'],
    [`Claude Code: ${REFUSAL}`, 'anthropic', 'claude-web'],
    [`Gemini Code Assist: ${REFUSAL}`, 'google', 'gemini-web'],
    // Spellings people use: the company in two words, Gemini in Cyrillic.
    [`Open AI: ${REFUSAL}`, 'openai', 'api'],
    ['Пишет, что гемини не поддерживается в вашей стране', 'google', 'gemini-web'],
    // A product named for its maker.
    [`Sora: ${REFUSAL}`, 'openai', 'api'],
    // Google's SDKs for the Gemini API, as a traceback or a wrapper names them.
    [`ValueError from google-generativeai: ${REFUSAL}`, 'google', 'gemini-api'],
    [`ERROR:google.generativeai.client:${REFUSAL}`, 'google', 'gemini-api'],
    [`google-genai: ${REFUSAL}`, 'google', 'gemini-api'],
    [`Error in @google/generative-ai: ${REFUSAL}`, 'google', 'gemini-api'],
    [`[@google/genai] ${REFUSAL}`, 'google', 'gemini-api'],
  ])('%s → %s/%s', (body, service, product) => {
    expect(whoRefused(body)).toEqual({ service, product });
  });

  it('leaves a refusal a signature knows with the signature’s service', () => {
    expect(
      whoRefused(
        'The owner of this website (api.cerebras.ai) has banned the country or region your IP address is in (CN) from accessing this website.',
      )?.service,
    ).toBe('cloudflare');
    expect(whoRefused('Kimi API 报错：很抱歉，你的所在地区不支持此模型服务')?.service).toBe('lobechat');
  });

  it('names the upstream service a gateway relays', () => {
    const verdict = classifyObservation({
      kind: 'response',
      url: 'https://openrouter.ai/api/v1/chat/completions',
      status: 403,
      body: JSON.stringify({
        error: {
          message: 'Provider returned error',
          metadata: { raw: `DeepSeek: ${REFUSAL}`, provider_name: 'DeepSeek' },
        },
      }),
    });
    expect(verdict).toMatchObject({ verdict: 'block', service: 'deepseek' });
  });
});

describe('who refused, by the service’s own wording', () => {
  it('names Google for Gemini’s location refusal and its SDK error, where Gemini is not named', () => {
    for (const body of [
      'Live API closed: 1007 User location is not supported for the API use',
      "{response: Instance of 'UnsupportedUserLocation'}",
    ]) {
      const verdict = classifyObservation({ kind: 'text', body });
      expect(verdict.verdict, body).toBe('block');
      expect(verdict.verdict === 'block' ? verdict.service : null, body).toBe('google');
    }
  });
});

describe('who refused, by a link to the service’s own host', () => {
  it('names the service whose host a link points at, when no name is given', () => {
    const linked =
      'The API is unsupported in your location (country / territory); please see the list of\n[available regions](https://ai.google.dev/available_regions#available_regions).';
    expect(whoRefused(linked)?.service).toBe('google');
    expect(
      whoRefused(
        'Failed to login. Message: Your current account is not eligible... because it is not currently available in your location.',
      )?.service,
    ).toBe('google');
  });

  it('does not take a longer host that contains a service’s host for the service', () => {
    for (const host of ['notai.google.dev', 'ai.google.dev.example.com', 'ai.google.devices.example']) {
      expect(whoRefused(`${REFUSAL} See https://${host}/regions`)?.service, host).toBe(UNNAMED_SERVICE);
    }
  });
});

describe('words that are not the service', () => {
  it.each([
    // 'grok' is xAI's; Groq is another company.
    [`Grok: ${REFUSAL}`, 'xai'],
    // Kimi is also a person's name; Moonshot AI is named only by its full forms.
    [`Kimi: ${REFUSAL}`, UNNAMED_SERVICE],
    [`Hi, I am Kimi. ${OPENAI_REFUSAL}`, 'openai'],
    // Jules is also a person's name.
    [`Jules: ${REFUSAL}`, UNNAMED_SERVICE],
    // 'moonshot' and 'hugging' are ordinary words.
    [`Our moonshot project hit this: ${REFUSAL}`, UNNAMED_SERVICE],
    [`Hugging my laptop, I read: ${REFUSAL}`, UNNAMED_SERVICE],
    // Gemini the crypto exchange is not Google's Gemini.
    [`Gemini crypto exchange: ${REFUSAL}`, UNNAMED_SERVICE],
    // Bare 'Copilot' in an editor log is GitHub's, elsewhere Microsoft's; never both.
    [`VS Code Copilot: ${REFUSAL}`, 'github-copilot'],
    // Ordinary words that are also AI products Detour does not name.
    [`Poe: ${REFUSAL}`, UNNAMED_SERVICE],
    [`Runway: ${REFUSAL}`, UNNAMED_SERVICE],
    [`Suno: ${REFUSAL}`, UNNAMED_SERVICE],
    [`Replicate the steps: ${REFUSAL}`, UNNAMED_SERVICE],
    [`Together with my team we saw: ${REFUSAL}`, UNNAMED_SERVICE],
    [`From my Notion notes: ${REFUSAL}`, UNNAMED_SERVICE],
    // Bare 'Bolt' is an ordinary word and other products' name.
    [`Bolt: ${REFUSAL}`, UNNAMED_SERVICE],
    // 'open' and 'AI' apart are ordinary words.
    [`Open the AI tab; it says: ${REFUSAL}`, UNNAMED_SERVICE],
  ])('%s → %s', (body, service) => {
    expect(whoRefused(body)?.service).toBe(service);
  });
});

describe('the names a reader sees', () => {
  it.each([
    ['groq', 'Groq'],
    ['cerebras', 'Cerebras'],
    ['deepseek', 'DeepSeek'],
    ['huggingface', 'Hugging Face'],
    ['codebuff', 'Codebuff'],
    ['trae', 'Trae'],
    ['manus', 'Manus'],
    ['botbooru', 'BotBooru'],
  ])('%s reads as %s in all three languages', (slug, name) => {
    for (const locale of ['en', 'zh_CN', 'zh_TW']) expect(serviceName(slug, locale)).toBe(name);
  });

  it('reads Coze and Jimeng by their Chinese names in Chinese', () => {
    expect(serviceName('coze', 'en')).toBe('Coze');
    expect(serviceName('coze', 'zh_CN')).toBe('扣子（Coze）');
    expect(serviceName('jimeng', 'zh_CN')).toBe('即梦');
    expect(serviceName('jimeng', 'zh_TW')).toBe('即夢');
  });

  it('reads Moonshot AI by its Chinese name in Chinese', () => {
    expect(serviceName('moonshot', 'en')).toBe('Moonshot AI');
    expect(serviceName('moonshot', 'zh_CN')).toBe('月之暗面');
    expect(serviceName('moonshot', 'zh-HK')).toBe('月之暗面');
  });

  it('reads the new products by their own names', () => {
    expect(productName('google', 'jules', 'zh-Hans')).toBe('Jules');
    expect(productName('moonshot', 'kimi', 'zh-HK')).toBe('Kimi');
    expect(productName('huggingface', 'hub', 'en')).toBe('Hugging Face Hub');
  });
});

/**
 * The stand-in's content: real region-block messages and look-alikes, read by id from the
 * reference signatures (reference/block-signatures.json, each with the public source where it
 * was seen). The stand-in never writes its own block text: a page it serves
 * says exactly what the service was seen saying.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';

export const SIGNATURES_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'reference',
  'block-signatures.json',
);

const Signature = v.object({
  id: v.string(),
  service: v.string(),
  channel: v.string(),
  expect: v.picklist(['block', 'clean']),
  http_status: v.nullable(v.number()),
  url: v.string(),
  headers: v.record(v.string(), v.string()),
  body: v.string(),
  source: v.string(),
});
export type Signature = v.InferOutput<typeof Signature>;

/** The fixtures the stand-in serves; a missing or renamed id fails at start, not mid-test. */
export const SERVED_SIGNATURE_IDS = {
  chatgptBlockPage: 'chatgpt-unable-to-load-site-vpn',
  chatgptChallenge: 'neg-cf-challenge-just-a-moment-chatgpt',
  openaiRegion403: 'openai-api-403-unsupported-country-region-territory',
  openaiQuota429: 'neg-openai-429-insufficient-quota',
  openaiInvalidKey401: 'neg-openai-401-invalid-api-key',
  claudeRedirect: 'claude-redirect-302-fixture',
  claudeUnavailablePage: 'claude-web-app-unavailable-2025-claude-com',
  claudeUnavailableTitle: 'claude-web-title-app-unavailable-in-region',
  anthropicUnavailablePage: 'claude-web-app-unavailable-2024',
  geminiBanner: 'gemini-web-curly-apostrophe-variant',
  geminiUnusualTraffic: 'neg-google-unusual-traffic-gemini',
  newsArticle: 'neg-news-techcrunch-italy-geoblock',
  chatgptAuthErrorZh: 'chatgpt-auth-page-zh-official',
  geminiApiLocation: 'gemini-api-400-user-location-native-json',
  lobechatLocationZh: 'lobechat-location-not-support-zh',
} as const;
export type ServedSignature = keyof typeof SERVED_SIGNATURE_IDS;

export type ServedSignatures = Record<ServedSignature, Signature>;

export function loadServedSignatures(path: string = SIGNATURES_PATH): ServedSignatures {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`stand-in: cannot read the signature fixtures at ${path}: ${(error as Error).message}`);
  }
  const all = v.parse(v.array(v.looseObject(Signature.entries)), raw);
  const byId = new Map(all.map((signature) => [signature.id, signature]));
  const served = {} as ServedSignatures;
  for (const [name, id] of Object.entries(SERVED_SIGNATURE_IDS) as Array<[ServedSignature, string]>) {
    const signature = byId.get(id);
    if (!signature) throw new Error(`stand-in: signature "${id}" (${name}) is not in ${path}`);
    served[name] = signature;
  }
  return served;
}

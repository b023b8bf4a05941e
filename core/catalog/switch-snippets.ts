/**
 * The change a developer makes to move from the OpenAI API to a catalogued platform: environment
 * variables and ready snippets for the Python and Node `openai` SDKs and curl, with the suggested
 * model. Only values from the catalog go in; where the catalog has no value the snippet carries a
 * visible `<placeholder>` and a note says what to fill in. Platforms that do not speak the OpenAI
 * API get an honest "not compatible, see the docs" answer instead of code that would not work.
 * Only confirmed values go in (verified.ts): a model id only third parties name becomes the
 * `<model-id>` placeholder, and an API address only third parties name gives no code at all.
 */

import type { MessageRef } from '../i18n/message-ref';
import { findPlatform, sourceModelFamily } from './catalog';
import type { AuthStyle, BaseUrl, BaseUrlRegion, Platform } from './schema';
import { checkedOn, verifiedDocsUrl, verifiedMappedModel } from './verified';

export interface EnvVar {
  name: string;
  value: string;
}

export interface MigrationSnippets {
  ok: true;
  platformId: string;
  baseUrl: BaseUrl;
  /** The model written into the snippets (may be a `<placeholder>`). */
  model: string;
  /** The suggested target when the catalog has one (an editorial tier match, not a vendor claim). */
  mappedModel: string | null;
  kind: 'chat' | 'embedding';
  env: EnvVar[];
  /** The same variables as POSIX shell `export` lines. */
  shell: string;
  python: string;
  node: string;
  curl: string;
  notes: MessageRef[];
}

export interface MigrationRefused {
  ok: false;
  platformId: string;
  reason:
    | 'migrationUnknownPlatform'
    | 'migrationNotOpenAiCompatible'
    | 'migrationNoBaseUrl'
    | 'unconfirmed.apiAddress'
    | 'unconfirmed.openaiCompatible';
  /** For the `unconfirmed.*` reasons: the day of the check that could not confirm the value. */
  checked?: string;
  /** Where to read how the platform's own API works, when the catalog has it and it was confirmed. */
  docsUrl: string | null;
}

export type MigrationResult = MigrationSnippets | MigrationRefused;

const KEY_PLACEHOLDER = '<api-key>';

/** The region's endpoint (current before legacy, confirmed before unconfirmed), else the first current one. */
function pickBaseUrl(platform: Platform, region?: BaseUrlRegion): BaseUrl | null {
  const urls = platform.api.baseUrls;
  const find = (ok: (b: BaseUrl) => boolean) =>
    urls.find((b) => ok(b) && !b.unverified) ?? urls.find((b) => ok(b)) ?? null;
  if (region) return find((b) => b.region === region && !b.legacy) ?? find((b) => b.region === region);
  return find((b) => !b.legacy);
}

/** `base` + `path` without doubling or losing the slash (`…/v4/` + `chat/completions`). */
function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

const pyString = (s: string) => JSON.stringify(s);
const jsString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const shSingle = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function migrationSnippets(input: {
  platformId: string;
  sourceModel: string;
  baseUrlRegion?: BaseUrlRegion;
}): MigrationResult {
  const platform = findPlatform(input.platformId);
  if (!platform)
    return { ok: false, platformId: input.platformId, reason: 'migrationUnknownPlatform', docsUrl: null };
  const docsUrl = verifiedDocsUrl(platform);
  const refuse = (reason: MigrationRefused['reason'], unconfirmed?: { retrieved?: string }) =>
    ({
      ok: false,
      platformId: platform.id,
      reason,
      ...(unconfirmed ? { checked: checkedOn(unconfirmed) } : {}),
      docsUrl,
    }) satisfies MigrationRefused;
  const compatible = platform.api.openaiCompatible;
  if (!compatible.value)
    return compatible.unverified
      ? refuse('unconfirmed.openaiCompatible', compatible)
      : refuse('migrationNotOpenAiCompatible');
  const baseUrl = pickBaseUrl(platform, input.baseUrlRegion);
  if (!baseUrl) return refuse('migrationNoBaseUrl');
  // No code on a value only third parties give: the address first, as the more concrete of the two.
  if (baseUrl.unverified) return refuse('unconfirmed.apiAddress', baseUrl);
  if (compatible.unverified) return refuse('unconfirmed.openaiCompatible', compatible);

  const notes: MessageRef[] = [];
  const family = sourceModelFamily(input.sourceModel);
  const kind = family === 'text-embedding-3-small' ? 'embedding' : 'chat';
  const target = verifiedMappedModel(platform, input.sourceModel);
  const template = platform.api.modelTemplate?.value;
  let model: string;
  if (template && !template.includes('{model}')) {
    model = template; // e.g. Azure: the model is the user's deployment name
    notes.push({ key: 'migrationFillPlaceholder', params: { placeholder: template } });
  } else if (target) {
    model = template ? template.replace('{model}', target) : target;
    notes.push({ key: 'migrationEditorialModel', params: { source: input.sourceModel, target } });
    if (template) notes.push({ key: 'migrationFillPlaceholder', params: { placeholder: '<folder_id>' } });
  } else {
    model = '<model-id>';
    notes.push({ key: 'migrationChooseModel', params: { source: input.sourceModel } });
  }
  if (baseUrl.template)
    notes.push({ key: 'migrationFillPlaceholder', params: { placeholder: '<resource-name>' } });
  if (platform.models.anyLocalModel) notes.push({ key: 'migrationLocalServer' });
  notes.push({ key: 'migrationVerifyModels' });

  // The key: the platform's own variable when its docs name one, OPENAI_API_KEY pointing at it.
  const ownVar = platform.api.keyEnvVar?.value;
  const style = platform.api.authStyle;
  // Ollama's docs: the SDK needs some key, the server ignores it, use "ollama".
  const keyValue = style === 'ignored' ? 'ollama' : KEY_PLACEHOLDER;
  if (style === 'none-or-optional') notes.push({ key: 'migrationKeyOptional' });
  // GigaChat: the OpenAI SDK takes an access token that lives 30 minutes, never the authorization key.
  if (style === 'oauth-token') notes.push({ key: 'snippetAuth.accessToken' });
  const env: EnvVar[] = [{ name: 'OPENAI_BASE_URL', value: baseUrl.value }];
  if (ownVar) env.push({ name: ownVar, value: keyValue }, { name: 'OPENAI_API_KEY', value: `$${ownVar}` });
  else env.push({ name: 'OPENAI_API_KEY', value: keyValue });
  const shell = env
    .map((e) =>
      e.value.startsWith('$') ? `export ${e.name}="${e.value}"` : `export ${e.name}=${shSingle(e.value)}`,
    )
    .join('\n');

  const request: SnippetRequest = { base: baseUrl.value, model, kind, keyHeader: keyHeaderFor(style) };
  return {
    ok: true,
    platformId: platform.id,
    baseUrl,
    model,
    mappedModel: target,
    kind,
    env,
    shell,
    python: sdkSnippet(PYTHON_SDK, request),
    node: sdkSnippet(NODE_SDK, request),
    curl: curlSnippet(request),
    notes,
  };
}

type RequestKind = MigrationSnippets['kind'];

/**
 * The header a snippet sends the key in. The two named styles have their own; every other style
 * (bearer, and a key the server ignores or may not need) goes as OpenAI's `Authorization: Bearer`.
 */
type KeyHeader = 'api-key-header' | 'authorization-api-key' | 'bearer';

const keyHeaderFor = (style: AuthStyle): KeyHeader =>
  style === 'api-key-header' || style === 'authorization-api-key' ? style : 'bearer';

interface SnippetRequest {
  base: string;
  model: string;
  kind: RequestKind;
  keyHeader: KeyHeader;
}

/**
 * The `openai` SDK of one language. Python and Node differ only in syntax, so `sdkSnippet` writes
 * both from these parts: a key header or a request kind is chosen in one place for both.
 */
interface SdkSyntax {
  /** The client built from the environment; `extraHeaders` are the last lines of its arguments. */
  client(base: string, extraHeaders: string): string;
  /** Default headers for each key header; none for Bearer, which the SDK sends by itself. */
  extraHeaders: Record<KeyHeader, string>;
  /** The request of each kind and what it prints. */
  request: Record<RequestKind, (model: string) => string>;
}

const PYTHON_SDK: SdkSyntax = {
  client: (base, extraHeaders) =>
    `import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n    base_url=${pyString(base)},\n    api_key=os.environ["OPENAI_API_KEY"],\n${extraHeaders})\n\n`,
  extraHeaders: {
    'api-key-header': '    default_headers={"api-key": os.environ["OPENAI_API_KEY"]},\n',
    'authorization-api-key':
      '    default_headers={"Authorization": "Api-Key " + os.environ["OPENAI_API_KEY"]},\n',
    bearer: '',
  },
  request: {
    chat: (model) =>
      `response = client.chat.completions.create(\n    model=${pyString(model)},\n    messages=[{"role": "user", "content": "Hello"}],\n)\nprint(response.choices[0].message.content)\n`,
    embedding: (model) =>
      `result = client.embeddings.create(\n    model=${pyString(model)},\n    input="Hello",\n)\nprint(len(result.data[0].embedding))\n`,
  },
};

const NODE_SDK: SdkSyntax = {
  client: (base, extraHeaders) =>
    `import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  baseURL: ${jsString(base)},\n  apiKey: process.env.OPENAI_API_KEY,\n${extraHeaders}});\n\n`,
  extraHeaders: {
    'api-key-header': "  defaultHeaders: { 'api-key': process.env.OPENAI_API_KEY },\n",
    'authorization-api-key':
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own template literal
      '  defaultHeaders: { Authorization: `Api-Key ${process.env.OPENAI_API_KEY}` },\n',
    bearer: '',
  },
  request: {
    chat: (model) =>
      `const response = await client.chat.completions.create({\n  model: ${jsString(model)},\n  messages: [{ role: 'user', content: 'Hello' }],\n});\nconsole.log(response.choices[0].message.content);\n`,
    embedding: (model) =>
      `const result = await client.embeddings.create({\n  model: ${jsString(model)},\n  input: 'Hello',\n});\nconsole.log(result.data[0].embedding.length);\n`,
  },
};

function sdkSnippet(sdk: SdkSyntax, r: SnippetRequest): string {
  return sdk.client(r.base, sdk.extraHeaders[r.keyHeader]) + sdk.request[r.kind](r.model);
}

const CURL_KEY_HEADER: Record<KeyHeader, string> = {
  'api-key-header': '-H "api-key: $OPENAI_API_KEY"',
  'authorization-api-key': '-H "Authorization: Api-Key $OPENAI_API_KEY"',
  bearer: '-H "Authorization: Bearer $OPENAI_API_KEY"',
};

/** Each request kind's endpoint path and JSON body, as the OpenAI API takes them. */
const CURL_REQUEST: Record<RequestKind, (model: string) => { path: string; body: object }> = {
  chat: (model) => ({
    path: 'chat/completions',
    body: { model, messages: [{ role: 'user', content: 'Hello' }] },
  }),
  embedding: (model) => ({ path: 'embeddings', body: { model, input: 'Hello' } }),
};

function curlSnippet(r: SnippetRequest): string {
  const { path, body } = CURL_REQUEST[r.kind](r.model);
  return `curl ${shSingle(endpoint(r.base, path))} \\\n  -H "Content-Type: application/json" \\\n  ${CURL_KEY_HEADER[r.keyHeader]} \\\n  -d ${shSingle(JSON.stringify(body))}\n`;
}

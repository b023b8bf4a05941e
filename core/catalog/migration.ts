/**
 * The change a developer makes to move from the OpenAI API to a catalogued platform: environment
 * variables and ready snippets for the Python and Node `openai` SDKs and curl, with the suggested
 * model. Only values from the catalog go in; where the catalog has no value the snippet carries a
 * visible `<placeholder>` and a note says what to fill in. Platforms that do not speak the OpenAI
 * API get an honest "not compatible, see the docs" answer instead of code that would not work.
 */
import { findPlatform, mappedModel, sourceModelFamily } from './catalog';
import type { MessageRef } from './recommend';
import type { BaseUrl, BaseUrlRegion, Platform } from './schema';

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
  reason: 'migrationUnknownPlatform' | 'migrationNotOpenAiCompatible' | 'migrationNoBaseUrl';
  /** Where to read how the platform's own API works, when the catalog has it. */
  docsUrl: string | null;
}

export type MigrationResult = MigrationSnippets | MigrationRefused;

const KEY_PLACEHOLDER = '<api-key>';

function pickBaseUrl(platform: Platform, region?: BaseUrlRegion): BaseUrl | null {
  const urls = platform.api.baseUrls;
  if (region)
    return (
      urls.find((b) => b.region === region && !b.legacy) ?? urls.find((b) => b.region === region) ?? null
    );
  return urls.find((b) => !b.legacy) ?? null;
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
  const docsUrl = platform.urls.docs?.value ?? platform.urls.console?.value ?? null;
  if (!platform.api.openaiCompatible.value) {
    return { ok: false, platformId: platform.id, reason: 'migrationNotOpenAiCompatible', docsUrl };
  }
  const baseUrl = pickBaseUrl(platform, input.baseUrlRegion);
  if (!baseUrl) return { ok: false, platformId: platform.id, reason: 'migrationNoBaseUrl', docsUrl };

  const notes: MessageRef[] = [];
  const family = sourceModelFamily(input.sourceModel);
  const kind = family === 'text-embedding-3-small' ? 'embedding' : 'chat';
  const target = mappedModel(platform, input.sourceModel);
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
  const env: EnvVar[] = [{ name: 'OPENAI_BASE_URL', value: baseUrl.value }];
  if (ownVar) env.push({ name: ownVar, value: keyValue }, { name: 'OPENAI_API_KEY', value: `$${ownVar}` });
  else env.push({ name: 'OPENAI_API_KEY', value: keyValue });
  const shell = env
    .map((e) =>
      e.value.startsWith('$') ? `export ${e.name}="${e.value}"` : `export ${e.name}=${shSingle(e.value)}`,
    )
    .join('\n');

  return {
    ok: true,
    platformId: platform.id,
    baseUrl,
    model,
    mappedModel: target,
    kind,
    env,
    shell,
    python: pythonSnippet(baseUrl.value, model, kind, style),
    node: nodeSnippet(baseUrl.value, model, kind, style),
    curl: curlSnippet(baseUrl.value, model, kind, style),
    notes,
  };
}

function pythonSnippet(
  base: string,
  model: string,
  kind: 'chat' | 'embedding',
  style: Platform['api']['authStyle'],
) {
  const extraHeaders =
    style === 'api-key-header'
      ? '    default_headers={"api-key": os.environ["OPENAI_API_KEY"]},\n'
      : style === 'authorization-api-key'
        ? '    default_headers={"Authorization": "Api-Key " + os.environ["OPENAI_API_KEY"]},\n'
        : '';
  const call =
    kind === 'embedding'
      ? `result = client.embeddings.create(\n    model=${pyString(model)},\n    input="Hello",\n)\nprint(len(result.data[0].embedding))\n`
      : `response = client.chat.completions.create(\n    model=${pyString(model)},\n    messages=[{"role": "user", "content": "Hello"}],\n)\nprint(response.choices[0].message.content)\n`;
  return `import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n    base_url=${pyString(base)},\n    api_key=os.environ["OPENAI_API_KEY"],\n${extraHeaders})\n\n${call}`;
}

function nodeSnippet(
  base: string,
  model: string,
  kind: 'chat' | 'embedding',
  style: Platform['api']['authStyle'],
) {
  const extraHeaders =
    style === 'api-key-header'
      ? "  defaultHeaders: { 'api-key': process.env.OPENAI_API_KEY },\n"
      : style === 'authorization-api-key'
        ? // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own template literal
          '  defaultHeaders: { Authorization: `Api-Key ${process.env.OPENAI_API_KEY}` },\n'
        : '';
  const call =
    kind === 'embedding'
      ? `const result = await client.embeddings.create({\n  model: ${jsString(model)},\n  input: 'Hello',\n});\nconsole.log(result.data[0].embedding.length);\n`
      : `const response = await client.chat.completions.create({\n  model: ${jsString(model)},\n  messages: [{ role: 'user', content: 'Hello' }],\n});\nconsole.log(response.choices[0].message.content);\n`;
  return `import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  baseURL: ${jsString(base)},\n  apiKey: process.env.OPENAI_API_KEY,\n${extraHeaders}});\n\n${call}`;
}

function curlSnippet(
  base: string,
  model: string,
  kind: 'chat' | 'embedding',
  style: Platform['api']['authStyle'],
) {
  const auth =
    style === 'api-key-header'
      ? '-H "api-key: $OPENAI_API_KEY"'
      : style === 'authorization-api-key'
        ? '-H "Authorization: Api-Key $OPENAI_API_KEY"'
        : '-H "Authorization: Bearer $OPENAI_API_KEY"';
  const body =
    kind === 'embedding'
      ? { model, input: 'Hello' }
      : { model, messages: [{ role: 'user', content: 'Hello' }] };
  const path = kind === 'embedding' ? 'embeddings' : 'chat/completions';
  return `curl ${shSingle(endpoint(base, path))} \\\n  -H "Content-Type: application/json" \\\n  ${auth} \\\n  -d ${shSingle(JSON.stringify(body))}\n`;
}

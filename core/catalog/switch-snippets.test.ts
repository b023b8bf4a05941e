import { spawnSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog';
import { type MigrationSnippets, migrationSnippets } from './switch-snippets';

const compatible = CATALOG.platforms.filter((p) => p.api.openaiCompatible.value);
const SOURCE_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-3.5-turbo', 'text-embedding-3-small'];

const bySource = compatible.flatMap((p) =>
  SOURCE_MODELS.map((sourceModel) => ({
    sourceModel,
    r: migrationSnippets({ platformId: p.id, sourceModel }),
  })),
);
const all: MigrationSnippets[] = bySource.map((x) => x.r).filter((r): r is MigrationSnippets => r.ok);
const regional = compatible.flatMap((p) =>
  [...new Set(p.api.baseUrls.map((b) => b.region))]
    .map((region) => migrationSnippets({ platformId: p.id, sourceModel: 'gpt-4o', baseUrlRegion: region }))
    .filter((r): r is MigrationSnippets => r.ok),
);

/** Runs python3 once over every snippet; returns the ones that do not parse, with the error. */
function pythonParseErrors(sources: string[]): string[] {
  const program = [
    'import ast, json, sys',
    'errors = []',
    'for i, src in enumerate(json.load(sys.stdin)):',
    '    try:',
    '        ast.parse(src)',
    '    except SyntaxError as e:',
    '        errors.append(f"{i}: {e}")',
    'print(json.dumps(errors))',
  ].join('\n');
  const run = spawnSync('python3', ['-c', program], { input: JSON.stringify(sources), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

/** Shell words of each curl command, split by Python's shlex (POSIX rules). */
function shellWords(commands: string[]): string[][] {
  const program =
    'import json, shlex, sys\nprint(json.dumps([shlex.split(c) for c in json.load(sys.stdin)]))';
  const run = spawnSync('python3', ['-c', program], { input: JSON.stringify(commands), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

// Parsing ~100 snippets with python3 and the TypeScript parser takes seconds on a busy 2-core CI.
const PARSE_TIMEOUT_MS = 60_000;

describe('migrationSnippets', () => {
  it('covers every OpenAI-compatible platform whose API address was confirmed', () => {
    const confirmed = compatible.filter(
      (p) => !p.api.openaiCompatible.unverified && p.api.baseUrls.some((b) => !b.legacy && !b.unverified),
    );
    expect(new Set(all.map((s) => s.platformId)).size).toBe(confirmed.length);
    expect(confirmed.length).toBeGreaterThan(15);
    expect(all.length).toBeGreaterThan(60);
  });

  it("follows each platform's parameter rules: never a cap parameter the vendor has retired", () => {
    const ruled = compatible.filter((p) => p.api.maxOutputParam);
    // Bailian's compatible mode replaced max_tokens with max_completion_tokens.
    expect(ruled.map((p) => [p.id, p.api.maxOutputParam?.value])).toContainEqual([
      'alibaba-bailian',
      'max_completion_tokens',
    ]);
    for (const p of ruled) {
      const retired =
        p.api.maxOutputParam?.value === 'max_completion_tokens' ? 'max_tokens' : 'max_completion_tokens';
      for (const s of [...all, ...regional].filter((x) => x.platformId === p.id))
        for (const code of [s.python, s.node, s.curl])
          expect(code, p.id).not.toMatch(new RegExp(`\\b${retired}\\b`));
    }
  });

  it('pins the generated snippets', () => {
    const pin = (s: MigrationSnippets) => ({
      env: s.shell,
      python: s.python,
      node: s.node,
      curl: s.curl,
      notes: s.notes,
    });
    const pinned = Object.fromEntries([
      ...bySource.map(({ sourceModel, r }) => [`${r.platformId} default ${sourceModel}`, r.ok ? pin(r) : r]),
      ...regional.map((s) => [`${s.platformId} ${s.baseUrl.region} gpt-4o`, pin(s)]),
    ]);
    expect(Object.keys(pinned)).toHaveLength(bySource.length + regional.length);
    expect(pinned).toMatchSnapshot();
  });

  it(
    'writes Python that parses',
    () => {
      const sources = [...all, ...regional].map((s) => s.python);
      expect(pythonParseErrors(sources)).toEqual([]);
      // The check itself rejects broken code.
      expect(pythonParseErrors(['client = OpenAI(\n'])).toHaveLength(1);
    },
    PARSE_TIMEOUT_MS,
  );

  it(
    'writes Node code that parses',
    () => {
      const errors = (src: string) =>
        ts.transpileModule(src, {
          reportDiagnostics: true,
          compilerOptions: { module: ts.ModuleKind.ESNext },
        }).diagnostics ?? [];
      for (const s of [...all, ...regional]) {
        expect(
          errors(s.node).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
          s.platformId,
        ).toEqual([]);
      }
      expect(errors("const client = new OpenAI({ baseURL: 'x' ;").length).toBeGreaterThan(0);
    },
    PARSE_TIMEOUT_MS,
  );

  it(
    'writes curl commands with balanced quotes and a JSON body',
    () => {
      const commands = [...all, ...regional].map((s) => s.curl.replace(/\\\n/g, ' '));
      const words = shellWords(commands);
      words.forEach((argv, i) => {
        const s = [...all, ...regional][i] as MigrationSnippets;
        expect(argv[0]).toBe('curl');
        expect(argv[1]).toMatch(s.baseUrl.region === 'local' ? /^http:\/\/localhost:\d+\// : /^https:\/\//);
        expect(argv[1]?.startsWith(s.baseUrl.value.replace(/\/$/, ''))).toBe(true);
        expect(argv[1]).not.toMatch(/[^:]\/\//);
        const body = JSON.parse(argv[argv.indexOf('-d') + 1] ?? '');
        expect(body.model).toBe(s.model);
        const headers = argv.filter((_, j) => argv[j - 1] === '-H');
        expect(headers.every((h) => /^[A-Za-z-]+: \S/.test(h))).toBe(true);
      });
      expect(() => shellWords(["curl 'https://x -d {}"])).toThrow();
    },
    PARSE_TIMEOUT_MS,
  );

  it('puts the mapped model and the platform key variable in', () => {
    const ds = migrationSnippets({ platformId: 'deepseek', sourceModel: 'gpt-4o-2024-08-06' });
    expect(ds.ok && ds.model).toBe('deepseek-v4-pro');
    expect(ds.ok && ds.env).toEqual([
      { name: 'OPENAI_BASE_URL', value: 'https://api.deepseek.com' },
      { name: 'DEEPSEEK_API_KEY', value: '<api-key>' },
      { name: 'OPENAI_API_KEY', value: '$DEEPSEEK_API_KEY' },
    ]);
    expect(ds.ok && ds.python).toContain('model="deepseek-v4-pro"');
    expect(ds.ok && ds.notes).toContainEqual({
      key: 'migrationEditorialModel',
      params: { source: 'gpt-4o-2024-08-06', target: 'deepseek-v4-pro' },
    });
  });

  it.each([
    { platformId: 'baichuan', region: undefined, unconfirmed: true },
    { platformId: '01ai', region: undefined, unconfirmed: true },
    { platformId: 'moonshot', region: 'global', unconfirmed: true },
    { platformId: 'moonshot', region: 'cn-mainland', unconfirmed: false },
    { platformId: 'deepseek', region: undefined, unconfirmed: false },
  ] as const)(
    'gives no code on a base URL only third parties show: $platformId $region',
    ({ platformId, region, unconfirmed }) => {
      const r = migrationSnippets({ platformId, sourceModel: 'gpt-4o', baseUrlRegion: region });
      if (unconfirmed) expect(r).toMatchObject({ ok: false, reason: 'unconfirmed.apiAddress' });
      else expect(r.ok && r.baseUrl.unverified).toBe(undefined);
    },
  );

  it('uses the chosen regional endpoint', () => {
    const hk = migrationSnippets({
      platformId: 'alibaba-bailian',
      sourceModel: 'gpt-4o-mini',
      baseUrlRegion: 'hong-kong',
    });
    expect(hk.ok && hk.baseUrl.value).toBe('https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1');
    expect(hk.ok && hk.curl).toContain(
      'https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1/chat/completions',
    );
    const none = migrationSnippets({
      platformId: 'baidu-qianfan',
      sourceModel: 'gpt-4o',
      baseUrlRegion: 'hong-kong',
    });
    expect(none).toMatchObject({ ok: false, reason: 'migrationNoBaseUrl' });
  });

  it('never picks a legacy endpoint by default', () => {
    const tencent = migrationSnippets({ platformId: 'tencent-hunyuan', sourceModel: 'gpt-4o' });
    expect(tencent.ok && tencent.baseUrl.value).toBe('https://tokenhub.tencentmaas.com/v1');
  });

  it('leaves a visible placeholder where the catalog has no value', () => {
    const azure = migrationSnippets({ platformId: 'azure-openai-hk', sourceModel: 'gpt-4o' });
    expect(azure.ok && azure.model).toBe('<deployment-name>');
    expect(azure.ok && azure.curl).toContain('-H "api-key: $OPENAI_API_KEY"');
    const vllm = migrationSnippets({ platformId: 'vllm', sourceModel: 'gpt-4o' });
    expect(vllm.ok && vllm.model).toBe('<model-id>');
    expect(vllm.ok && vllm.notes.map((n) => n.key)).toEqual(
      expect.arrayContaining(['migrationChooseModel', 'migrationLocalServer', 'migrationKeyOptional']),
    );
    const yandex = migrationSnippets({ platformId: 'yandexgpt', sourceModel: 'gpt-4o' });
    expect(yandex.ok && yandex.model).toBe('gpt://<folder_id>/yandexgpt/latest');
    expect(yandex.ok && yandex.python).toContain('"Api-Key " + os.environ["OPENAI_API_KEY"]');
  });

  it('says when the key is an OAuth access token rather than a standing key (GigaChat)', () => {
    const giga = migrationSnippets({ platformId: 'gigachat', sourceModel: 'gpt-4o' });
    if (!giga.ok) throw new Error('GigaChat documents OpenAI SDK use');
    expect(giga.baseUrl.value).toBe('https://api.giga.chat/v1');
    expect(giga.notes).toContainEqual({ key: 'snippetAuth.accessToken' });
    const deepseek = migrationSnippets({ platformId: 'deepseek', sourceModel: 'gpt-4o' });
    if (!deepseek.ok) throw new Error('DeepSeek speaks the OpenAI API');
    expect(deepseek.notes).not.toContainEqual({ key: 'snippetAuth.accessToken' });
  });

  it('answers honestly where OpenAI compatibility is not confirmed, and for unknown platforms', () => {
    // Kunlun's "not OpenAI-compatible" and its console come from third parties only: neither is stated.
    expect(migrationSnippets({ platformId: 'kunlun-tiangong', sourceModel: 'gpt-4o' })).toEqual({
      ok: false,
      platformId: 'kunlun-tiangong',
      reason: 'unconfirmed.openaiCompatible',
      checked: '2026-12-05',
      docsUrl: null,
    });
    expect(migrationSnippets({ platformId: 'nope', sourceModel: 'gpt-4o' })).toMatchObject({
      ok: false,
      reason: 'migrationUnknownPlatform',
    });
  });
});

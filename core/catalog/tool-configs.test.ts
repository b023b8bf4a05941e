import { spawnSync } from 'node:child_process';
import { parse as parseToml } from 'smol-toml';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CATALOG } from './catalog';
import { TOOLS, type ToolConfig, toolConfigs } from './tool-configs';
import bundled from './tools.json';
import { ToolCatalog } from './tools-schema';

const REGIONS = [null, 'CN', 'US', 'HK', 'RU', 'DE'] as const;

/** Every distinct config the generator makes: tool × platform × region. */
const generated: ToolConfig[] = (() => {
  const seen = new Map<string, ToolConfig>();
  for (const platform of CATALOG.platforms)
    for (const region of REGIONS)
      for (const c of toolConfigs({ platformId: platform.id, region }) ?? [])
        seen.set(`${c.toolId} ${c.platformId} ${c.baseUrl}`, c);
  return [...seen.values()];
})();
const configsOf = (format: string) =>
  generated.flatMap((c) => c.configs.filter((k) => k.format === format).map((k) => ({ c, code: k.code })));

const clone = () => JSON.parse(JSON.stringify(bundled));

/** Runs one bash: `bash -n` syntax check plus the words Python's shlex (POSIX) splits each line into. */
function shellCheck(scripts: string[]): { syntaxErrors: string[]; words: string[][][] } {
  const syntaxErrors = scripts.flatMap((s, i) => {
    const run = spawnSync('bash', ['-n'], { input: s, encoding: 'utf8' });
    return run.status === 0 ? [] : [`${i}: ${run.stderr}`];
  });
  const program = [
    'import json, shlex, sys',
    'def words(line):',
    '    try:',
    '        return shlex.split(line, comments=True)',
    '    except ValueError:',
    '        return None',
    'print(json.dumps([[words(l) for l in s.splitlines()] for s in json.load(sys.stdin)]))',
  ].join('\n');
  const run = spawnSync('python3', ['-c', program], { input: JSON.stringify(scripts), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return { syntaxErrors, words: JSON.parse(run.stdout) };
}

describe('tools.json schema', () => {
  it('validates the bundled file', () => {
    expect(v.safeParse(ToolCatalog, bundled).success).toBe(true);
    expect(TOOLS.tools.map((t) => t.id)).toEqual([
      'claude-code',
      'codex-cli',
      'cherry-studio',
      'chatbox',
      'lobechat',
      'open-webui',
      'dify',
      'continue',
      'cursor',
      'aider',
      'litellm',
    ]);
  });

  it('refuses a template slot it does not know', () => {
    const bad = clone();
    bad.tools[0].configs[0].template = 'export X={secret}\nexport ANTHROPIC_BASE_URL={baseUrl}\n';
    expect(v.safeParse(ToolCatalog, bad).success).toBe(false);
  });

  it('refuses a template that holds a key', () => {
    const bad = clone();
    bad.tools[0].configs[0].template =
      'export ANTHROPIC_BASE_URL={baseUrl}\nexport ANTHROPIC_AUTH_TOKEN=sk-abc123\n';
    expect(v.safeParse(ToolCatalog, bad).success).toBe(false);
  });

  it('refuses a fact without a source, a plain-http endpoint off localhost, and duplicate ids', () => {
    const noSource = clone();
    delete noSource.anthropicEndpoints[0].source;
    expect(v.safeParse(ToolCatalog, noSource).success).toBe(false);
    const http = clone();
    http.anthropicEndpoints[0].value = 'http://api.deepseek.com/anthropic';
    expect(v.safeParse(ToolCatalog, http).success).toBe(false);
    const dup = clone();
    dup.tools.push(dup.tools[0]);
    expect(v.safeParse(ToolCatalog, dup).success).toBe(false);
  });

  it('names only platforms the catalog has', () => {
    const ids = new Set(CATALOG.platforms.map((p) => p.id));
    for (const e of [...TOOLS.anthropicEndpoints, ...TOOLS.responsesEndpoints, ...TOOLS.keyRegions])
      expect(ids.has(e.platformId), e.platformId).toBe(true);
  });
});

describe('toolConfigs', () => {
  it('offers Claude Code only where a vendor documents an Anthropic-compatible endpoint', () => {
    const offered = new Set(generated.filter((c) => c.toolId === 'claude-code').map((c) => c.platformId));
    expect([...offered].sort()).toEqual(['deepseek', 'lm-studio', 'minimax', 'ollama', 'zhipu']);
    const deepseek = toolConfigs({ platformId: 'deepseek', region: 'CN' })?.find(
      (c) => c.toolId === 'claude-code',
    );
    expect(deepseek?.baseUrl).toBe('https://api.deepseek.com/anthropic');
  });

  it('picks the endpoint for the region', () => {
    const claude = (platformId: string, region: string | null) =>
      toolConfigs({ platformId, region })?.find((c) => c.toolId === 'claude-code')?.baseUrl;
    expect(claude('zhipu', 'CN')).toBe('https://open.bigmodel.cn/api/anthropic');
    expect(claude('minimax', 'CN')).toBe('https://api.minimaxi.com/anthropic');
    expect(claude('minimax', 'DE')).toBe('https://api.minimax.io/anthropic');
    const cherry = (platformId: string, region: string | null) =>
      toolConfigs({ platformId, region })?.find((c) => c.toolId === 'cherry-studio')?.baseUrl;
    expect(cherry('moonshot', 'CN')).toBe('https://api.moonshot.cn/v1');
    expect(cherry('minimax', 'CN')).toBe('https://api.minimaxi.com/v1');
    expect(cherry('minimax', 'DE')).toBe('https://api.minimax.io/v1');
    // Moonshot's `.ai` host is named only by third parties: no config is built on it.
    expect(cherry('moonshot', 'DE')).toBeUndefined();
  });

  it('offers Codex CLI only on a Responses API endpoint', () => {
    const offered = generated.filter((c) => c.toolId === 'codex-cli');
    expect(offered.map((c) => c.platformId)).toEqual(['lm-studio']);
    expect(offered[0]?.baseUrl).toBe('http://localhost:1234/v1');
  });

  it('does not offer the OpenAI-style tools for platforms without a Bearer OpenAI endpoint', () => {
    for (const id of ['azure-openai-hk', 'yandexgpt', 'gigachat', 'kunlun-tiangong'])
      expect(toolConfigs({ platformId: id, region: null }), id).toEqual([]);
    expect(toolConfigs({ platformId: 'no-such-platform', region: null })).toBeNull();
  });

  it('puts the refused service’s tools first and the last chosen tool before them', () => {
    const ids = (service?: string, lastTool?: string) =>
      (toolConfigs({ platformId: 'deepseek', region: 'CN', service, lastTool }) ?? []).map((c) => c.toolId);
    expect(ids('anthropic')[0]).toBe('claude-code');
    expect(ids('openai')[0]).toBe('cherry-studio');
    expect(ids('openai').at(-1)).toBe('claude-code');
    expect(ids('anthropic', 'aider').slice(0, 2)).toEqual(['aider', 'claude-code']);
    expect(ids('openai', 'no-such-tool')[0]).toBe('cherry-studio');
  });

  it('warns where keys are tied to the region and where Cherry Studio would add /v1', () => {
    const cherry = (platformId: string, region: string | null) =>
      toolConfigs({ platformId, region })?.find((c) => c.toolId === 'cherry-studio')?.pitfalls ?? [];
    expect(cherry('moonshot', 'CN')[0]).toEqual({
      key: 'tools.pitfall.keyRegion',
      params: { keyHost: 'platform.moonshot.cn', apiHost: 'api.moonshot.cn' },
    });
    // The `.ai` pair names a host only third parties give, so it is not stated as a fact.
    expect(cherry('moonshot', 'CN').map((p) => p.params?.apiHost)).not.toContain('api.moonshot.ai');
    expect(cherry('alibaba-bailian', 'DE')[0]?.params?.apiHost).toBe('dashscope-intl.aliyuncs.com');
    expect(cherry('zhipu', 'CN').map((p) => p.key)).toContain('tools.pitfall.cherryAppendsV1');
    expect(cherry('deepseek', 'CN').map((p) => p.key)).not.toContain('tools.pitfall.cherryAppendsV1');
    expect(cherry('moonshot', 'CN').map((p) => p.key)).not.toContain('tools.pitfall.cherryAppendsV1');
    const cursor = toolConfigs({ platformId: 'deepseek', region: null })?.find((c) => c.toolId === 'cursor');
    expect(cursor?.pitfalls.map((p) => p.key)).toContain('tools.pitfall.cursorOverride');
    const zhipuClaude = toolConfigs({ platformId: 'zhipu', region: 'CN' })?.find(
      (c) => c.toolId === 'claude-code',
    );
    expect(zhipuClaude?.pitfalls.map((p) => p.key)).toContain('tools.pitfall.codingPlan');
  });

  it('points no tool at a base URL only third parties show', () => {
    const cherry = (platformId: string, region: string | null) =>
      toolConfigs({ platformId, region })?.find((c) => c.toolId === 'cherry-studio')?.baseUrl;
    // Moonshot's .cn endpoint is confirmed; its .ai one (used outside CN) is not.
    expect(cherry('moonshot', 'CN')).toBe('https://api.moonshot.cn/v1');
    expect(cherry('moonshot', 'HK')).toBeUndefined();
    expect(cherry('baichuan', 'CN')).toBeUndefined();
    expect(cherry('deepseek', 'CN')).toBe('https://api.deepseek.com');
  });

  it('never writes a key: only variable references and <placeholders>', () => {
    expect(generated.length).toBeGreaterThan(100);
    for (const c of generated)
      for (const k of c.configs) {
        expect(k.code).not.toMatch(/sk-[A-Za-z0-9]/);
        expect(k.code).toMatch(/(\$|<|env_key = ")([A-Z][A-Z0-9_]*_API_KEY|API_KEY_[A-Z0-9_]+)\b/);
      }
  });

  it('pins every generated config', () => {
    const pinned = Object.fromEntries(
      generated.map((c) => [
        `${c.toolId} ${c.platformId} ${c.baseUrl}`,
        { model: c.model, where: c.where, pitfalls: c.pitfalls, configs: c.configs.map((k) => k.code) },
      ]),
    );
    expect(pinned).toMatchSnapshot();
  });
});

describe('generated configs parse with real parsers', () => {
  it('JSON: Claude Code settings.json', () => {
    const all = configsOf('json');
    expect(all.length).toBeGreaterThan(3);
    for (const { c, code } of all) {
      const env = JSON.parse(code).env;
      expect(env.ANTHROPIC_BASE_URL).toBe(c.baseUrl);
      expect(env.ANTHROPIC_MODEL).toBe(c.model);
      expect(env.ANTHROPIC_AUTH_TOKEN).toMatch(/^<[A-Z0-9_]+_API_KEY>$/);
    }
    expect(() => JSON.parse('{ "env": { "A": "b", } }')).toThrow();
  });

  it('TOML: Codex config.toml', () => {
    const all = configsOf('toml');
    expect(all.length).toBeGreaterThan(0);
    for (const { c, code } of all) {
      const doc = parseToml(code) as {
        model: string;
        model_provider: string;
        model_providers: Record<string, { base_url: string; env_key: string; wire_api: string }>;
      };
      expect(doc.model).toBe(c.model);
      const provider = doc.model_providers[doc.model_provider];
      expect(provider?.base_url).toBe(c.baseUrl);
      expect(provider?.wire_api).toBe('responses');
      expect(provider?.env_key).toMatch(/^[A-Z0-9_]+$/);
    }
    expect(() => parseToml('model = "a\n')).toThrow();
  });

  it('YAML: Continue config.yaml', () => {
    const all = configsOf('yaml');
    expect(all.length).toBeGreaterThan(20);
    for (const { c, code } of all) {
      const doc = parseYaml(code) as { models: Array<Record<string, string>> };
      expect(doc.models[0]).toMatchObject({ provider: 'openai', model: c.model, apiBase: c.baseUrl });
    }
    expect(() => parseYaml('models:\n  - name: "a\n')).toThrow();
  });

  it('shell: every env block passes bash -n and sets the base URL as one word', () => {
    const all = configsOf('shell');
    expect(all.length).toBeGreaterThan(60);
    const { syntaxErrors, words } = shellCheck(all.map((x) => x.code));
    expect(syntaxErrors).toEqual([]);
    all.forEach(({ c }, i) => {
      const assignments = (words[i] ?? []).flatMap((line) => line ?? []).filter((w) => /^[A-Z_]+=/.test(w));
      expect(
        assignments.some((w) => w.endsWith(`=${c.baseUrl}`)),
        c.toolId,
      ).toBe(true);
    });
    // The checks can fail.
    const broken = shellCheck(["export A='b\n"]);
    expect(broken.syntaxErrors).toHaveLength(1);
    expect(broken.words[0]?.[0]).toBeNull();
  });
});

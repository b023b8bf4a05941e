/** Runs the classify command as a child process, the way the README tells people to. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
let dir = '';

function classify(...files: string[]) {
  const result = spawnSync(TSX, ['scripts/classify.ts', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: result.status, lines, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const OPENAI_403 = {
  url: 'https://api.openai.com/v1/chat/completions',
  status: 403,
  body: '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'detour-classify-'));
});

describe('npm run classify', { timeout: 120_000 }, () => {
  it('classifies a JSON array, JSON lines and a plain log, one line each, ids by position', () => {
    const array = write(
      'observations.json',
      JSON.stringify([
        OPENAI_403,
        { id: 'quota', ...OPENAI_403, status: 429, body: '{"error":{"code":"insufficient_quota"}}' },
      ]),
    );
    const jsonl = write(
      'observations.jsonl',
      `${JSON.stringify({ url: 'https://gemini.google.com/app', body: 'Gemini isn’t currently supported in your country.' })}\n\n${JSON.stringify({ url: 'https://news.example/', body: 'Gemini isn’t currently supported in your country.' })}\n`,
    );
    const log = write(
      'pasted.log',
      'Error: API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}\n',
    );
    const { status, lines, stderr } = classify(array, jsonl, log);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(lines).toEqual([
      {
        id: 0,
        verdict: 'block',
        service: 'openai',
        ruleId: 'openai-unsupported-country-region-territory',
        evidence: expect.stringContaining('unsupported_country_region_territory'),
      },
      { id: 'quota', verdict: 'clean', service: 'openai', ruleId: null, evidence: '' },
      {
        id: 0,
        verdict: 'block',
        service: 'google',
        ruleId: 'gemini-web-not-supported-in-country',
        evidence: expect.stringContaining('supported in your country'),
      },
      { id: 1, verdict: 'clean', service: null, ruleId: null, evidence: '' },
      {
        id: 0,
        verdict: 'block',
        service: 'anthropic',
        ruleId: 'anthropic-forbidden-request-not-allowed',
        evidence: expect.any(String),
      },
    ]);
  });

  it('names the file and the problem for bad input, exits 2, and still classifies the good observations', () => {
    const mixed = write(
      'mixed.json',
      JSON.stringify([OPENAI_403, { urll: 'typo' }, { status: 'x', body: '' }]),
    );
    const brokenLines = write('broken.jsonl', `${JSON.stringify(OPENAI_403)}\n{"url": \n`);
    const broken = write('broken.json', '[{"url": "https://a.example/",]');
    const binary = write('image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe]));
    const missing = join(dir, 'missing.json');
    const { status, lines, stderr } = classify(mixed, brokenLines, broken, binary, missing);
    expect(status).toBe(2);
    expect(lines.map((line) => line.verdict)).toEqual(['block', 'block']);
    const errors = stderr.trim().split('\n');
    expect(errors).toEqual([
      `classify: ${mixed}: item 1: unknown field "urll"`,
      expect.stringMatching(new RegExp(`^classify: ${mixed}: item 2: status: `)),
      expect.stringMatching(new RegExp(`^classify: ${brokenLines}: line 2: not valid JSON`)),
      expect.stringMatching(new RegExp(`^classify: ${broken}: not valid JSON`)),
      `classify: ${binary}: binary data, not JSON or text`,
      `classify: ${missing}: no such file`,
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('treats a pasted JSON error body as text, and asks for files when given none', () => {
    const body = write('body.json', OPENAI_403.body);
    expect(classify(body).lines).toEqual([
      expect.objectContaining({ id: 0, verdict: 'block', service: 'openai' }),
    ]);
    const none = classify();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^classify: give one or more files/);
  });
});

/**
 * The three locales stay complete and alike, and UI code carries no user-visible literal:
 * every word a person reads in popup and options comes from locales/*.yml.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseMessagesText } from '@wxt-dev/i18n/build';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;

function messagesOf(locale: string) {
  const text = readFileSync(join(ROOT, 'locales', `${locale}.yml`), 'utf8');
  const parsed = parseMessagesText(text, 'YAML').filter((m) => !m.key.join('.').startsWith('@@'));
  return new Map(parsed.map((m) => [m.key.join('.'), m]));
}

function messageText(m: ReturnType<typeof messagesOf> extends Map<string, infer V> ? V : never): string {
  if (m.type === 'plural') return Object.values(m.plurals).join(' | ');
  return m.message;
}

/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const HAS_WORDS = /[\p{L}]/u;

interface Literal {
  file: string;
  line: number;
  text: string;
}

/** User-visible literals in one TSX source: JSX text, read attributes, string children. */
function findUiLiterals(file: string, source: string): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const report = (node: ts.Node, text: string) => {
    if (HAS_WORDS.test(text)) {
      found.push({
        file,
        line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        text: text.trim(),
      });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression) {
        const e = init.expression;
        if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
      }
    } else if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const e = node.expression;
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
      if (ts.isTemplateExpression(e)) {
        report(e, e.head.text + e.templateSpans.map((s) => s.literal.text).join(''));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function uiFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testing' && name !== 'node_modules') out.push(...uiFiles(path));
    } else if (/\.(tsx|ts)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const UI_DIRS = ['components', 'entrypoints/popup', 'entrypoints/options', 'entrypoints/welcome'].map((d) =>
  join(ROOT, d),
);
const UI_FILES = UI_DIRS.flatMap(uiFiles);

describe('locales', () => {
  const all = Object.fromEntries(LOCALES.map((l) => [l, messagesOf(l)]));
  const en = all.en as ReturnType<typeof messagesOf>;

  it('has the manifest name and description in every locale', () => {
    for (const locale of LOCALES) {
      expect(all[locale]?.get('extName'), locale).toBeDefined();
      expect(all[locale]?.get('extDescription'), locale).toBeDefined();
    }
  });

  for (const locale of ['zh_CN', 'zh_TW'] as const) {
    it(`${locale} has exactly the keys of en`, () => {
      const keys = [...(all[locale]?.keys() ?? [])];
      const missing = [...en.keys()].filter((k) => !all[locale]?.has(k));
      const extra = keys.filter((k) => !en.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} uses the same placeholders as en`, () => {
      const differ: string[] = [];
      for (const [key, message] of en) {
        const other = all[locale]?.get(key);
        if (!other) continue;
        const a = [...message.namedSubstitutions].sort().join(',');
        const b = [...other.namedSubstitutions].sort().join(',');
        if (a !== b) differ.push(`${key}: en {${a}} vs {${b}}`);
      }
      expect(differ).toEqual([]);
    });
  }

  it('has no empty message', () => {
    const empty = LOCALES.flatMap((l) =>
      [...(all[l]?.entries() ?? [])]
        .filter(([, m]) => messageText(m).trim() === '')
        .map(([k]) => `${l}:${k}`),
    );
    expect(empty).toEqual([]);
  });

  // Characters that exist only in one script; a slip from one file to the other shows up here.
  const SIMPLIFIED_ONLY =
    '这们设网络数据请关开复择项录从为时间务认证点击载显际问题浏览账号权导进终过删经选该错误览访';
  const TRADITIONAL_ONLY =
    '這們設網絡數據請關開複擇項錄從為時間務認證點擊載顯際問題瀏覽帳號權導進終過刪經選該錯誤覽訪';

  it('keeps Simplified Chinese in zh_CN and Traditional Chinese in zh_TW', () => {
    const wrong: string[] = [];
    for (const [key, m] of all.zh_CN ?? []) {
      const hit = [...messageText(m)].filter((c) => TRADITIONAL_ONLY.includes(c));
      if (hit.length) wrong.push(`zh_CN:${key}: ${hit.join('')}`);
    }
    for (const [key, m] of all.zh_TW ?? []) {
      const hit = [...messageText(m)].filter((c) => SIMPLIFIED_ONLY.includes(c));
      if (hit.length) wrong.push(`zh_TW:${key}: ${hit.join('')}`);
    }
    expect(wrong).toEqual([]);
  });

  // Same script, different place: words a reader in Taiwan or in mainland China would take for
  // the other side's usage (Taiwan: 網路, 伺服器, 檔案, 設定, 預設, 支援, 程式, 螢幕, 使用者;
  // mainland China: 网络, 服务器, 文件, 设置, 默认, 支持, 程序, 屏幕, 用户).
  const MAINLAND_WORDS = [
    '網絡',
    '服務器',
    '默認',
    '設置',
    '鏈接',
    '數據',
    '軟件',
    '視頻',
    '文件夾',
    '登錄',
    '菜單',
    '程序',
    '信息',
    '用戶',
    '緩存',
    '屏幕',
    '支持',
    '質量',
    '激活',
    '打印',
  ];
  const TAIWAN_WORDS = [
    '网路',
    '伺服器',
    '档案',
    '资讯',
    '软体',
    '预设',
    '连结',
    '程式',
    '萤幕',
    '使用者',
    '资料',
    '支援',
    '登入',
  ];

  it('keeps Taiwan usage in zh_TW and mainland usage in zh_CN', () => {
    const wrong: string[] = [];
    for (const [key, m] of all.zh_TW ?? []) {
      for (const word of MAINLAND_WORDS)
        if (messageText(m).includes(word)) wrong.push(`zh_TW:${key}: ${word}`);
    }
    for (const [key, m] of all.zh_CN ?? []) {
      for (const word of TAIWAN_WORDS) if (messageText(m).includes(word)) wrong.push(`zh_CN:${key}: ${word}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has every key that UI code asks for by name', () => {
    const used = new Set<string>();
    for (const file of UI_FILES) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt[n]?\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});

describe('UI literals', () => {
  it('finds literals in a sample, so the scan below can fail', () => {
    const sample = `const A = () => <div title="Close" aria-label={'Menu'}><p>Hello</p>{'世界'}<span>{' · '}</span>{t('x')}</div>;`;
    expect(findUiLiterals('sample.tsx', sample).map((l) => l.text)).toEqual([
      'Close',
      'Menu',
      'Hello',
      '世界',
    ]);
  });

  it('finds no user-visible literal in components/ and the pages’ entrypoints', () => {
    expect(UI_FILES.length).toBeGreaterThan(0);
    const literals = UI_FILES.filter((f) => f.endsWith('.tsx')).flatMap((file) =>
      findUiLiterals(relative(ROOT, file), readFileSync(file, 'utf8')),
    );
    expect(literals).toEqual([]);
  });

  it('finds no visible text in the pages’ HTML shells', () => {
    for (const page of ['popup', 'options', 'welcome']) {
      let html: string;
      try {
        html = readFileSync(join(ROOT, 'entrypoints', page, 'index.html'), 'utf8');
      } catch {
        continue;
      }
      const body = html.replace(/<title>[^<]*<\/title>/, '').replace(/<[^>]+>/g, ' ');
      expect(body.trim(), page).toBe('');
    }
  });
});

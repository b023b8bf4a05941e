import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { findProduct, matchPatterns, productName, SERVICES, ServicesFile, serviceName } from './index';
import servicesJson from './services.json';

const ROOT = join(import.meta.dirname, '..', '..');
const REFERENCE = join(ROOT, 'reference');
const FIXTURES = readFileSync(join(REFERENCE, 'block-signatures.json'), 'utf8');
/** Everything the project may cite: the research copied with its sources into reference/. */
const REFERENCE_TEXT = readdirSync(REFERENCE)
  .filter((name) => name !== 'README.md')
  .map((name) => readFileSync(join(REFERENCE, name), 'utf8'))
  .join('\n');

describe('services.json', () => {
  it('passes its schema', () => {
    expect(v.safeParse(ServicesFile, servicesJson).success).toBe(true);
  });

  it('says where every service was seen (the shipped copy leaves this out)', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, 'services.json'), 'utf8')) as {
      services: Array<{ slug: string; source?: string }>;
    };
    for (const service of file.services)
      expect(service.source, service.slug).toMatch(/^(https:\/\/|block-signatures\.json#)/);
  });

  it('rejects a host with a scheme and a duplicate service', () => {
    const broken = structuredClone(servicesJson) as {
      services: Array<{ products: Array<{ hosts: string[] }> }>;
    };
    broken.services.at(0)?.products.at(0)?.hosts.push('https://chatgpt.com');
    expect(v.safeParse(ServicesFile, broken).success).toBe(false);
    const twice = structuredClone(servicesJson) as { services: unknown[] };
    twice.services.push(twice.services[0]);
    expect(v.safeParse(ServicesFile, twice).success).toBe(false);
  });

  it('has the slugs the issue names', () => {
    const slugs = SERVICES.map((service) => service.slug);
    for (const slug of [
      'openai',
      'anthropic',
      'google',
      'github-copilot',
      'microsoft-copilot',
      'meta',
      'xai',
      'aws-bedrock',
      'cloudflare',
      'openrouter',
    ]) {
      expect(slugs).toContain(slug);
    }
  });

  it('cites only sources that appear in the reference, or that a product names for its own hosts', () => {
    for (const service of SERVICES) {
      const productSources = service.products.flatMap((product) => (product.source ? [product.source] : []));
      const source = service.source ?? '';
      expect(source, service.slug).not.toBe('');
      if (source.startsWith('block-signatures.json#')) {
        expect(FIXTURES, service.slug).toContain(`"id": "${source.split('#')[1]}"`);
      } else if (!productSources.includes(source)) {
        expect(REFERENCE_TEXT, service.slug).toContain(source);
      }
    }
  });

  it('lists only hosts that were seen in the reference or carry the source they were seen in', () => {
    for (const service of SERVICES) {
      for (const product of service.products) {
        if (product.source) continue;
        for (const host of product.hosts) expect(REFERENCE_TEXT, `${service.slug}/${host}`).toContain(host);
      }
    }
  });

  it('watches Grok only on its path of x.com, not the rest of X', () => {
    expect(findProduct('https://x.com/i/grok?conversation=1')).toMatchObject({
      service: 'xai',
      product: 'grok-x',
    });
    expect(findProduct('https://x.com/home')).toBeNull();
    expect(matchPatterns(['webApp'])).toContain('https://x.com/i/grok*');
  });
});

describe('findProduct', () => {
  it.each([
    ['https://chatgpt.com/', 'openai', 'chatgpt', 'webApp'],
    ['https://api.openai.com/v1/chat/completions', 'openai', 'api', 'api'],
    ['https://ios.chat.openai.com/', 'openai', 'chatgpt', 'api'],
    ['https://API.Anthropic.com./v1/messages', 'anthropic', 'api', 'api'],
    ['https://claude.com/app-unavailable-in-region?fp=1', 'anthropic', 'claude-web', 'blockPage'],
    ['https://claude.com/ja-jp/app-unavailable-in-region', 'anthropic', 'claude-web', 'blockPage'],
    ['https://ai.google.dev/available_regions?hl=de', 'google', 'ai-studio', 'blockPage'],
    ['https://api.github.com/copilot_internal/v2/token', 'github-copilot', 'copilot-token', 'api'],
    ['https://www.bing.com/chat?q=1', 'microsoft-copilot', 'bing-chat', 'webApp'],
    [
      'https://bedrock-runtime.cn-northwest-1.amazonaws.com/model/anthropic.claude-v2/invoke',
      'aws-bedrock',
      'bedrock-runtime',
      'api',
    ],
  ])('%s → %s/%s', (url, service, product, role) => {
    expect(findProduct(url)).toEqual({ service, product, role });
  });

  it.each([
    'https://help.openai.com/en/articles/7947663',
    'https://ai.google.dev/gemini-api/docs/quickstart',
    'https://api.github.com/repos/a/b',
    'https://www.bing.com/search?q=curl',
    'https://evil.example/chatgpt.com/',
    'https://chatgpt.com.evil.example/',
    'https://bedrock-runtime.a.b.amazonaws.com/',
    'ftp://chatgpt.com/',
    'not a url',
    '',
  ])('%s → null', (url) => {
    expect(findProduct(url)).toBeNull();
  });

  it('tells the Anthropic website from its block page', () => {
    expect(findProduct('https://claude.com/pricing')?.product).toBe('website');
    expect(findProduct('https://www.anthropic.com/app-unavailable-in-region')?.role).toBe('blockPage');
    // The page's canonical address since 2025 is on www.claude.com, localised paths included.
    expect(findProduct('https://www.claude.com/ja-jp/app-unavailable-in-region')).toMatchObject({
      service: 'anthropic',
      product: 'claude-web',
      role: 'blockPage',
    });
    expect(findProduct('https://www.claude.com/pricing')?.product).toBe('website');
  });
});

describe('matchPatterns', () => {
  it('gives match patterns for the roles asked', () => {
    const webApps = matchPatterns(['webApp']);
    expect(webApps).toContain('https://chatgpt.com/*');
    expect(webApps).toContain('https://www.bing.com/chat*');
    expect(webApps).not.toContain('https://api.openai.com/*');
    const blockPages = matchPatterns(['blockPage']);
    expect(blockPages).toContain('https://claude.com/*/app-unavailable-in-region*');
    for (const pattern of [...webApps, ...blockPages, ...matchPatterns(['api'])]) {
      expect(pattern).toMatch(/^https:\/\/[a-z0-9.-]+\/[^\s]*\*$/);
    }
  });

  it('gives nothing for no roles', () => {
    expect(matchPatterns([])).toEqual([]);
  });
});

describe('names', () => {
  it('reads names in three languages', () => {
    expect(serviceName('microsoft-copilot', 'en')).toBe('Microsoft Copilot');
    expect(productName('microsoft-copilot', 'bing-chat', 'zh_CN')).toBe('必应聊天');
    expect(productName('microsoft-copilot', 'bing-chat', 'zh-HK')).toBe('Bing 聊天');
    expect(serviceName('cloudflare', 'zh-Hant-TW')).toBe('Cloudflare 託管的網站');
    expect(serviceName('no-such-service', 'en')).toBe('no-such-service');
  });
});

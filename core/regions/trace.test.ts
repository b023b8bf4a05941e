import { describe, expect, it } from 'vitest';
import { parseCloudflare1009Country, parseTrace } from './trace';

// The shape of a real answer (values invented; keys and order as Cloudflare sends them).
const trace = (loc: string) =>
  `fl=123f45\nh=chatgpt.com\nip=203.0.113.7\nts=1764000000.123\nvisit_scheme=https\nuag=Mozilla/5.0\ncolo=NRT\nsliver=none\nhttp=http/2\nloc=${loc}\ntls=TLSv1.3\nsni=plaintext\nwarp=off\ngateway=off\nrbi=off\nkex=X25519\n`;

describe('parseTrace', () => {
  it.each([
    ['JP', 'JP'],
    ['CN', 'CN'],
    ['XK', 'XK'],
  ])('reads loc=%s', (loc, expected) => {
    expect(parseTrace(trace(loc))).toBe(expected);
  });

  it('uses loc, not colo (the data centre can be in another country)', () => {
    expect(parseTrace('colo=NRT\nloc=IN\n')).toBe('IN');
  });

  it('accepts CRLF line ends', () => {
    expect(parseTrace('ip=1.2.3.4\r\nloc=DE\r\n')).toBe('DE');
  });

  it.each([
    ['missing loc', 'fl=1\nh=claude.ai\nip=203.0.113.7\ncolo=HKG\n'],
    ['empty loc', 'ip=1.2.3.4\nloc=\n'],
    ['Cloudflare "no country"', trace('XX')],
    ['Tor exit', trace('T1')],
    ['lower case', trace('cn')],
    ['not an assigned code', trace('ZZ')],
    ['three letters', trace('CHN')],
    ['two loc lines', 'loc=US\nloc=CN\n'],
    ['garbage', '\u0000\u0001binary junk loc=US'],
    ['JSON', '{"loc":"US"}'],
    [
      'an HTML error page mentioning loc=',
      '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><pre>loc=US</pre></body></html>',
    ],
    ['a huge body', `${'x=y\n'.repeat(10_000)}loc=US\n`],
    ['empty', ''],
  ])('is null for %s', (_name, body) => {
    expect(parseTrace(body)).toBeNull();
  });

  it('is null for non-strings', () => {
    expect(parseTrace(undefined)).toBeNull();
    expect(parseTrace(42)).toBeNull();
  });
});

describe('parseCloudflare1009Country', () => {
  it('reads the country of a 1009 page (fixture text from reference/block-signatures.json)', () => {
    const api =
      'Cloudflare Error 1009: Access denied\n"The owner of this website (api.cerebras.ai) has banned the country or region your IP address is in (CN) from accessing this website."';
    expect(parseCloudflare1009Country(api)).toBe('CN');
    const html =
      '<!DOCTYPE html><html><head><title>Access denied</title></head><body>\nError 1009 Ray ID: abc123\nAccess denied: The owner of this website (crossmint.com) has banned the country or region your IP address is in (MM) from accessing this website.\n</body></html>';
    expect(parseCloudflare1009Country(html)).toBe('MM');
  });

  it('is null without a country, or on pages that are not 1009 pages', () => {
    expect(parseCloudflare1009Country('error code: 1009')).toBeNull();
    expect(parseCloudflare1009Country('Sorry, not available in your country (US) today')).toBeNull();
    expect(parseCloudflare1009Country('Error 1020: Access denied (US)')).toBeNull();
    expect(
      parseCloudflare1009Country('Error 1009 … banned the country or region your IP address is in (XX) …'),
    ).toBeNull();
  });
});

/**
 * Undoing what relays and editors do to an error on its way (normalise.ts `unwrappedTransport`),
 * and the two readings that depend on it: signatures hold through the rewrite, and an SDK's
 * module path or exception class is not taken for the service or for a reason.
 */
import { describe, expect, it } from 'vitest';
import { classifyObservation } from '../index';
import { unwrappedTransport } from './normalise';

const OPENAI_BODY =
  '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}';

/** An AI SDK error as Node's console logs it, its response body given as the printed pieces. */
function nodeLoggedError(message: string, bodyPieces: readonly string[]): string {
  return [
    `APICallError [AI_APICallError]: ${message}`,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5) {',
    '  statusCode: 403,',
    `  responseBody: ${bodyPieces.join('\n    ')},`,
    '}',
  ].join('\n');
}

describe('unwrappedTransport', () => {
  it('returns the body itself when nothing was rewritten', () => {
    expect(unwrappedTransport(OPENAI_BODY)).toBe(OPENAI_BODY);
    expect(unwrappedTransport('plain words, nothing else')).toBe('plain words, nothing else');
  });

  it('undoes JSON escaping once and twice, \\uXXXX included', () => {
    const once = JSON.stringify('该服务在你所在的地区不可用。').replace(
      /[\u4e00-\u9fff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16)}`,
    );
    expect(unwrappedTransport(once)).toBe('"该服务在你所在的地区不可用。"');
    expect(unwrappedTransport(JSON.stringify(JSON.stringify(OPENAI_BODY)))).toContain(
      '"code":"unsupported_country_region_territory"',
    );
  });

  it('folds full-width forms, curly quotes and Traditional characters, and keeps case', () => {
    expect(unwrappedTransport('Ｃｏｕｎｔｒｙ，\u3000region')).toBe('Country, region');
    expect(unwrappedTransport('isn\u2019t \u201cok\u201d')).toBe('isn\'t "ok"');
    expect(unwrappedTransport('該服務在你所在的地區不可用')).toBe('该服务在你所在的地区不可用');
  });

  it('writes a Python-printed error body back as JSON, and leaves prose apostrophes alone', () => {
    const printed =
      "openai.PermissionDeniedError: Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': \"It's not supported\", 'param': None, 'ok': True}}";
    const json = unwrappedTransport(printed);
    const body = JSON.parse(json.slice(json.indexOf('{')));
    expect(body).toEqual({
      error: {
        code: 'unsupported_country_region_territory',
        message: "It's not supported",
        param: null,
        ok: true,
      },
    });
    expect(unwrappedTransport("It's {'broken'")).toBe("It's {'broken'");
  });

  it("joins a string Node's console split at its line breaks, backtick pieces included", () => {
    const logged = nodeLoggedError('Forbidden', [
      "'{\\n' +",
      '\'  "error": {\\n\' +',
      '`    "message": "It\'s not supported"\\n` +',
      "'  }\\n' +",
      "'}'",
    ]);
    const joined = unwrappedTransport(logged);
    expect(joined).toContain(`responseBody: '{\n  "error": {\n    "message": "It's not supported"\n  }\n}',`);
  });
});

describe('signatures through the rewrite', () => {
  it('hold for an escaped, full-width or Python-printed relay of a known refusal', () => {
    for (const body of [
      JSON.stringify(JSON.stringify(OPENAI_BODY)),
      OPENAI_BODY.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
      "litellm.PermissionDeniedError: OpenAIException - Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}",
    ]) {
      expect(classifyObservation({ kind: 'text', body })).toMatchObject({
        verdict: 'block',
        service: 'openai',
        via: 'signature',
      });
    }
  });

  it("hold for a response body Node's console printed among a stack frame's braces", () => {
    const logged = nodeLoggedError('Request not allowed', [
      "'{\\n' +",
      '\'  "error": {\\n\' +',
      '\'    "type": "forbidden",\\n\' +',
      '\'    "message": "Request not allowed"\\n\' +',
      "'  }\\n' +",
      "'}'",
    ]);
    expect(classifyObservation({ kind: 'text', body: logged })).toMatchObject({
      verdict: 'block',
      service: 'anthropic',
    });
    // A body cut off before its closing brace is not read from the object inside it: a blog that
    // quotes the error in part, then explains another cause.
    const cutOff =
      'API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"} - 控制台中的密钥处于"无工作区"状态';
    expect(classifyObservation({ kind: 'text', body: cutOff }).verdict).toBe('clean');
  });

  it('leaves a rewritten look-alike clean', () => {
    const quota =
      "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}";
    expect(classifyObservation({ kind: 'text', body: quota }).verdict).toBe('clean');
    expect(classifyObservation({ kind: 'text', body: JSON.stringify(JSON.stringify(quota)) }).verdict).toBe(
      'clean',
    );
  });
});

describe('what an SDK prints around an error', () => {
  it('does not take the SDK’s module path for the service that refused', () => {
    const gemini = 'openai.PermissionDeniedError: User location is not supported for the API use. Gemini API';
    const viaSdk = classifyObservation({ kind: 'text', body: gemini });
    expect(viaSdk).toMatchObject({ verdict: 'block', service: 'google' });
    const named = classifyObservation({
      kind: 'text',
      body: 'Error from openai: your country is not supported (403)',
    });
    expect(named).toMatchObject({ verdict: 'block', service: 'openai' });
  });

  it('reads a reasonless 403 inside an exception string or a relay envelope, but not a reason', () => {
    const wrapped =
      "anthropic.PermissionDeniedError: Error code: 403 - {'type': 'error', 'error': {'type': 'forbidden', 'message': 'Request not allowed'}}";
    expect(classifyObservation({ kind: 'text', body: wrapped }).verdict).toBe('block');
    const relayed =
      '{"error":{"message":"Request not allowed (request id: 2024072510422562564674066306279)","type":"forbidden","param":"","code":null}}';
    expect(classifyObservation({ kind: 'text', body: relayed }).verdict).toBe('block');
    const reason = wrapped.replace('Request not allowed', 'Request not allowed for this organization');
    expect(classifyObservation({ kind: 'text', body: reason }).verdict).toBe('clean');
    const typed = wrapped.replace("'forbidden'", "'permission_error'");
    expect(classifyObservation({ kind: 'text', body: typed }).verdict).toBe('clean');
  });
});

describe('text that lost its spaces', () => {
  it('still matches signature phrases, and reads a glued refusal addressed to the reader', () => {
    expect(
      classifyObservation({ kind: 'text', body: 'httpstatus403:Country,region,orterritorynotsupported' }),
    ).toMatchObject({ verdict: 'block', service: 'openai', via: 'signature' });
    expect(
      classifyObservation({ kind: 'text', body: 'Error 403: thisserverisnotavailableinyourlocation' }),
    ).toMatchObject({ verdict: 'block', via: 'recogniser' });
  });

  it('names the service glued inside the words, but not a module on a line that kept its spaces', () => {
    const glued = 'ErrorusingGeminiAPI:400Userlocationisnotsupportedforyourcountry,sorry';
    expect(classifyObservation({ kind: 'text', body: glued })).toMatchObject({
      verdict: 'block',
      service: 'google',
    });
    // 'bard' is inside 'dashboard': a short name glued to its neighbours is no name at all.
    const dashboard = 'Opendashboardnow:thisserviceisnotavailableinyourcountry';
    expect(classifyObservation({ kind: 'text', body: dashboard })).toMatchObject({
      verdict: 'block',
      service: 'unnamed-ai',
    });
    const spaced =
      'Failed: retrywrapperforopenaiclienthandlers raised\nthisserviceisnotavailableinyourcountry';
    expect(classifyObservation({ kind: 'text', body: spaced }).service).toBe('unnamed-ai');
  });

  it('reads a glued refusal in other spaced scripts, and the Latin name glued between their letters', () => {
    expect(
      classifyObservation({ kind: 'text', body: 'Ошибка:вGeminiвашастрананеподдерживается' }),
    ).toMatchObject({ verdict: 'block', service: 'google' });
    expect(classifyObservation({ kind: 'text', body: 'خطا:Geminiدرکشورشماپشتیبانینمیشود' })).toMatchObject({
      verdict: 'block',
      service: 'google',
    });
    // Two short words glued into a longer run ('le chat' in 'googlechatapi') name nobody.
    const chat = classifyObservation({
      kind: 'text',
      body: 'googlechatapi返回:thisserviceisnotavailableinyourcountry',
    });
    expect(chat.verdict === 'block' ? chat.service : null).toBe('unnamed-ai');
    // A glued page of Russian prose that mentions the refusal once is not one.
    const prose =
      'Сегоднямырасскажемкакнастроитьроутерчтобыобойтиограниченияпровайдера.Многиепишутчтовашастрананеподдерживается,ноэтоисправимо:достаточновключитьпрокси,выбратьсерверврегионегдесервисработает,перезагрузитьбраузериочиститькукиисохранитьнастройки.Подробностивследующейстатьенашегоблога.';
    expect(classifyObservation({ kind: 'text', body: prose }).verdict).toBe('clean');
  });

  it('does not take glued prose for an error code, nor one glued phrase of a long text for a refusal', () => {
    const explained = 'Astheerrorsays,yourcountryisblockedinOpenAI.Thishasnothingtodowiththebot.';
    expect(classifyObservation({ kind: 'text', body: explained }).verdict).toBe('clean');
    const faq =
      '###Q:I\'mgettinga"Copilotisnotavailableinyourregion"error**A:**GitHubCopilotisavailableinmostcountries,buttherearesomerestrictionsduetoexportcontrols.CheckGitHub\'sdocumentationforthecurrentlistofsupportedregions.';
    expect(classifyObservation({ kind: 'text', body: faq }).verdict).toBe('clean');
  });
});

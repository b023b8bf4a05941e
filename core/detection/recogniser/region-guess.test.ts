/**
 * A client's guess at a region refusal ('Claude Code might not be available in your country'):
 * never a verdict, but the "Check an error message" page offers to ask the service. Every guess
 * word of every language is read in a failure, and the guess is not read where no failure is
 * reported, where the reader is not addressed, or in a text a look-alike guard keeps clean.
 */
import { describe, expect, it } from 'vitest';
import { classifyObservation } from '../index';
import { loadRecogniserData } from './data';
import { regionGuess } from './recogniser';

const data = loadRecogniserData();

const CLAUDE_CODE_NOTE = [
  ' Unable to connect to Anthropic services',
  '',
  ' Failed to connect to api.anthropic.com: ERR_BAD_REQUEST',
  '',
  ' Please check your internet connection and network settings.',
  '',
  ' Note: Claude Code might not be available in your country. Check supported countries at',
  ' https://anthropic.com/supported-countries',
].join('\n');

/** Failures that end in a guess, each with the service it names (null: none). */
const GUESSES: ReadonlyArray<readonly [string, string | null]> = [
  [CLAUDE_CODE_NOTE, 'anthropic'],
  ['Request failed. Please confirm whether Gemini is supported in your region.', 'google'],
  ['响应失败，请确认 Gemini 是否支持该地区使用', 'google'],
  [
    '2024-04-09 17:50:59 Error refreshing session ID, retrying in 1 minute...\n2024-04-09 17:50:59 If this error persists, your country may not be supported yet.',
    null,
  ],
  ['Error 403: the model may not be available in your country.', null],
];

describe('regionGuess', () => {
  it.each(GUESSES)('reads the guess in %s', (body, service) => {
    const guess = regionGuess(body);
    expect(guess, body).not.toBeNull();
    expect(guess?.service ?? null).toBe(service);
    // A guess is never a verdict: the same note follows any failure to connect.
    expect(classifyObservation({ kind: 'text', body }).verdict).toBe('clean');
  });

  it('reads every guess word of every language in one of those failures', () => {
    const read = new Set(GUESSES.flatMap(([body]) => regionGuess(body)?.phrases ?? []));
    for (const language of data.languages)
      for (const entry of language.guesses ?? [])
        expect(read, `${language.lang}: ${entry.text}`).toContain(entry.text);
  });

  it('quotes the sentence as it was written, as plain text', () => {
    expect(regionGuess(CLAUDE_CODE_NOTE)?.evidence).toBe(
      'Note: Claude Code might not be available in your country.',
    );
    // Lines with no blank line between them are still separate messages of a log.
    expect(regionGuess(CLAUDE_CODE_NOTE.replace(/\n\n/g, '\n'))?.evidence).toBe(
      'Note: Claude Code might not be available in your country.',
    );
    const markup = regionGuess(
      '<p>Request failed. <b>Please confirm whether <img src=x onerror=alert(1)>Gemini is supported in your region.</b></p>',
    );
    expect(markup?.evidence).not.toMatch(/[<>]/);
  });

  it.each([
    // No failure reported: documentation and marketing copy guess about regions in general.
    'The model used in this workflow is geo-restricted! If it says model not found, it may not be available in your country or region.',
    'Regional restrictions: Perplexity may not be available in your country.',
    // The reader is not addressed: a guess about some places.
    'Error: the service might not be available in some countries.',
    // A cloud region, not the reader's; an app store's.
    'Deployment failed with error: this SKU may not be available in your region. Try another region or request quota.',
    'Error. Perplexity may not be available in your country’s Play Store.',
    // No guess: a plain failure.
    'Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ECONNRESET',
  ])('reads no guess in %s', (body) => {
    expect(regionGuess(body)).toBeNull();
  });

  it('never throws and reads no more than a log', () => {
    expect(regionGuess('')).toBeNull();
    expect(regionGuess(`${'x'.repeat(40_000)} error: might not be available in your country`)).toBeNull();
    expect(() => regionGuess('\u0000\uffff'.repeat(1000))).not.toThrow();
  });
});

/**
 * Who refused: the service a recognised refusal is put down to. The observed host's service;
 * through a gateway that relays an upstream error, the upstream the text names; for pasted text,
 * the first service the text names (by name, glued into words that lost their spaces, or by a
 * link to its own host), else "an AI service (not named)". A refusal that names only a service
 * outside AI (look-alikes.json `otherServices`) is that service's, and nobody's here.
 *
 * Owns: naming the refuser. Must not: decide whether something is a refusal (recogniser.ts).
 */
import { GATEWAY_SERVICES, type ProductMatch, SERVICES } from '../../services';
import type { ObservationKind } from '../observation';
import type { ServiceName } from './data';

/** The service slug for a refusal whose service is not named (pasted text only). */
export const UNNAMED_SERVICE = 'unnamed-ai';
export const UNNAMED_PRODUCT = 'unknown';
/** Services that relay other services' models: a refusal they pass on names the upstream. */
const GATEWAYS = GATEWAY_SERVICES;

/** A service name compiled for reading (service-names.json). */
export interface CompiledName {
  name: ServiceName;
  regex: RegExp;
  unless: RegExp | null;
}

export function productFor(service: string, kind: ObservationKind, wanted?: string): string {
  const known = SERVICES.find((candidate) => candidate.slug === service);
  if (!known) return UNNAMED_PRODUCT;
  if (wanted && known.products.some((product) => product.slug === wanted)) return wanted;
  const role = kind === 'page' || kind === 'navigation' ? 'webApp' : 'api';
  return (
    (known.products.find((product) => product.role === role) ?? known.products[0])?.slug ?? UNNAMED_PRODUCT
  );
}

export interface NamedService {
  service: string;
  product?: string;
  at: number;
}

/**
 * An SDK's module path right after a name: `openai.PermissionDeniedError`, `anthropic.APIStatusError`,
 * `openai._base_client`. The OpenAI Python SDK is used against many services, so its module name
 * says which library raised the error, not which service refused.
 */
const MODULE_PATH = /^\.(?:_|[a-z_]*(?:error|exception)\b)/;

/** The first place `regex` matches in `text` that is not an SDK's module path. */
function firstMention(regex: RegExp, text: string): RegExpExecArray | null {
  let from = 0;
  for (let tries = 0; tries < 8; tries++) {
    const match = regex.exec(text.slice(from));
    if (!match) return null;
    const end = from + match.index + match[0].length;
    if (!MODULE_PATH.test(text.slice(end, end + 64))) {
      match.index += from;
      return match;
    }
    from = end;
  }
  return null;
}

/** The services Detour knows: a name of another is not read. */
const KNOWN_SERVICES: ReadonlySet<string> = new Set(SERVICES.map((service) => service.slug));

/** Adds a mention of a service, keeping one per service, at its first place in the text. */
function mention(named: NamedService[], candidate: NamedService): void {
  const index = named.findIndex((other) => other.service === candidate.service);
  if (index < 0) named.push(candidate);
  else if (candidate.at < (named[index] as NamedService).at) named[index] = candidate;
}

/** Services the text names, in the order they appear (a name counts once, at its first place). */
export function namedServices(names: readonly CompiledName[], text: string): NamedService[] {
  const named: NamedService[] = [];
  for (const { name, regex, unless } of names) {
    if (!KNOWN_SERVICES.has(name.service)) continue;
    const match = firstMention(regex, text);
    if (!match) continue;
    if (unless?.test(text)) continue;
    mention(named, { service: name.service, product: name.product, at: match.index });
  }
  return named.length > 0 ? named.sort((a, b) => a.at - b.at) : gluedNames(names, text);
}

/** Every host of every product, longest first, each with its product: a link to one names its service. */
const PRODUCT_HOSTS = SERVICES.flatMap((service) =>
  service.products.flatMap((product) =>
    product.hosts.map((host) => ({ host, service: service.slug, product: product.slug })),
  ),
).sort((a, b) => b.host.length - a.host.length);

/**
 * A text that names no service by name may still link to its own host ('please see the list of
 * [available regions](https://ai.google.dev/available_regions)', 'Failed to connect to
 * api.anthropic.com'): the host names the service, as it does for a page on it.
 */
export function linkedServices(text: string): NamedService[] {
  const named: NamedService[] = [];
  for (const { host, service, product } of PRODUCT_HOSTS) {
    let at = text.indexOf(host);
    // A host inside a longer one ('notopenai.com', 'api.openai.com.evil.example') is someone else's.
    while (
      at >= 0 &&
      (/[a-z0-9-]/.test(text[at - 1] ?? '') ||
        /^(?:[a-z0-9-]|\.[a-z])/.test(text.slice(at + host.length, at + host.length + 2)))
    ) {
      at = text.indexOf(host, at + 1);
    }
    if (at >= 0) mention(named, { service, product, at });
  }
  return named.sort((a, b) => a.at - b.at);
}

/** Words run together: a run of Latin letters (with the dots of a host). */
const GLUED_RUN = /[a-z0-9.']{5,400}/g;

/** A glued name is long enough to be itself inside other words ('bard' is in 'dashboard'; 'gemini' is in no word). */
const GLUED_NAME_MIN = 5;

/**
 * Text that lost its spaces ('ErrorusingGeminiAPI:Userlocation…') names a service inside a run
 * of glued words, where no name stands as a word of its own: look for the longer names there.
 */
function gluedNames(names: readonly CompiledName[], text: string): NamedService[] {
  const runs: Array<{ word: string; index: number }> = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    // Only on a line with no space left: a run on a spaced line is an identifier ('openai.PermissionDeniedError').
    if (!line.includes(' ')) {
      for (const run of line.matchAll(GLUED_RUN)) {
        // A run of Latin letters glued to another script's ('вGeminiнеподдерживается') is a word of its own.
        const beside = `${line[run.index - 1] ?? ''}${line[run.index + run[0].length] ?? ''}`;
        if (run[0].length >= 24 || /[^\P{L}a-z]/u.test(beside))
          runs.push({ word: run[0], index: lineStart + run.index });
      }
    }
    lineStart += line.length + 1;
  }
  if (runs.length === 0) return [];
  const named: NamedService[] = [];
  for (const { name, unless } of names) {
    if (!KNOWN_SERVICES.has(name.service)) continue;
    const glued = name.name.replace(/ /g, '');
    // A name of two short words glues into other words' letters ('le chat' in 'googlechatapi').
    const least = name.name.includes(' ') ? GLUED_NAME_MIN + 3 : GLUED_NAME_MIN;
    if (glued.length < least || !/^[a-z0-9.]+$/.test(glued)) continue;
    // A short run between letters of another script is a word or two: the name leads or ends it.
    const run = runs.find(({ word }) =>
      word.length >= 24 ? word.includes(glued) : word.startsWith(glued) || word.endsWith(glued),
    );
    if (!run || unless?.test(text)) continue;
    mention(named, { service: name.service, product: name.product, at: run.index + run.word.indexOf(glued) });
  }
  return named.sort((a, b) => a.at - b.at);
}

export interface RefuserInput {
  kind: ObservationKind;
  /** The service whose own host the observation came from, if any. */
  host: ProductMatch | null;
  /** Services the text names, in the order they appear. */
  named: readonly NamedService[];
  /** The text says it relays an upstream error ('Provider returned error', 'upstream'). */
  relayed: boolean;
  /** The text names a service that is not an AI service. */
  otherService: boolean;
}

/** The service and product a recognised refusal is put down to, or null when it is no AI service's. */
export function refuser({ kind, host, named, relayed, otherService }: RefuserInput): {
  service: string;
  product: string;
} | null {
  // A region refusal by a service that is not an AI service ('Steam: This item is currently
  // unavailable in your region', 'Spotify is unavailable in this country') is that service's, unless
  // the text names an AI service too (on a service's own page: that page's service).
  if (
    otherService &&
    (host ? !named.some((candidate) => candidate.service === host.service) : named.length === 0)
  )
    return null;
  if (host) {
    // A refusal by another service shown on this service's page (an answer, a quote, a forged
    // banner) is not this service refusing: only a gateway passes another service's refusal on.
    if (
      named.length > 0 &&
      !named.some((candidate) => candidate.service === host.service) &&
      !GATEWAYS.has(host.service)
    ) {
      return null;
    }
    if (GATEWAYS.has(host.service) && relayed) {
      const upstream = named.find((candidate) => candidate.service !== host.service);
      if (upstream) return { service: upstream.service, product: productFor(upstream.service, 'response') };
    }
    return { service: host.service, product: host.product };
  }
  // A gateway named beside a model's maker ('Model: Google: Gemini … Provider: openrouter') answered
  // with its own refusal, unless the text says it relays an upstream error: then the upstream refused.
  const answering = named.find((candidate) => GATEWAYS.has(candidate.service) === !relayed);
  const first = answering ?? named[0];
  if (first) return { service: first.service, product: productFor(first.service, kind, first.product) };
  return kind === 'text' ? { service: UNNAMED_SERVICE, product: UNNAMED_PRODUCT } : null;
}

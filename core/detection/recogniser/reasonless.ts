/** A 403 whose only words are a reasonless refusal ('Request not allowed') in a bare error envelope. */
import { GATEWAY_SERVICES } from '../../services';
import { plain, type RecogniserInput, type TextFinding } from './finding';
import type { Compiled } from './tables';

/**
 * An exception class name with its module path, as SDKs and gateways print an error (read
 * lower-cased): one word glued to `error`/`exception`. A snake_case `permission_error` is an
 * error type with a reason, not a class name.
 */
const EXCEPTION_NAME =
  /(?<![\p{L}\p{N}_.])(?:[a-z_][a-z0-9_]*\.)*[a-z]+(?:error|exception)(?![\p{L}\p{N}_])/gu;

/** Longest body a reasonless refusal comes in: a bare envelope around one short message. */
const REASONLESS_LIMIT = 256;

/**
 * A 403 from a service's own API whose only words are a reasonless refusal ('Request not allowed')
 * inside a bare error envelope, or the same error pasted with its 403 or its type 'forbidden'. Any
 * other word (a key, a model, a permission, an organisation) is a reason, and a 403 with a reason
 * is a permission error, not a region refusal.
 */
export function reasonlessFinding(
  compiled: Compiled,
  input: RecogniserInput,
  text: string,
): TextFinding | null {
  const { signals } = compiled.data;
  if (text.length > REASONLESS_LIMIT) return null;
  if (input.kind === 'text') {
    // Pasted, the status travels in the text: a 403, or the envelope's own name for it ('type: forbidden').
    if (!compiled.statusInText.test(text) && !/\bforbidden\b/.test(text)) return null;
  } else if (input.kind !== 'response' || input.status !== 403 || input.host?.role !== 'api') return null;
  if (input.host && GATEWAY_SERVICES.has(input.host.service)) return null;
  // The message may have lost its spaces on the way ('Requestnotallowed'): it is the same words.
  const message = signals.reasonlessRefusals.find(
    (entry) => text.includes(entry.text) || text.includes(entry.text.replace(/ /g, '')),
  );
  if (!message) return null;
  const allowed = new Set([
    ...message.text.split(' '),
    message.text.replace(/ /g, ''),
    ...signals.reasonlessEnvelopeWords.map((entry) => entry.text),
  ]);
  // An exception's class name and module path (`openai.PermissionDeniedError`, `litellm.…Error:
  // OpenAIException`) are how an SDK or gateway prints the envelope, not a reason.
  const unwrapped = text.replace(EXCEPTION_NAME, ' ');
  const words = unwrapped.match(/[\p{L}]+/gu) ?? [];
  if (words.some((word) => !allowed.has(word))) return null;
  return {
    phrases: [message.text],
    lang: 'en',
    evidence: plain(text),
    structured: true,
    inTitle: false,
    share: 1,
  };
}

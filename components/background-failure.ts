/**
 * The message key of a request the background turned down. The background answers known failures
 * with a message key (`checkTimeout`, `common.backgroundUnavailable`…); anything else, such as a
 * worker that never answered, reads as the generic key.
 */
export function failureKey(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return /^[a-z][A-Za-z0-9.]+$/.test(message) ? message : 'common.backgroundUnavailable';
}

/**
 * How a message is filled, picked by count and dated "3 minutes ago": the rules the popup's app
 * (components/i18n.ts) and its framework-free first paint (components/first-paint) both follow,
 * kept in one place so the two cannot drift apart.
 */

const NAMED = /\{([A-Za-z0-9_]+)\}/g;

/** `{name}` placeholders filled from `params`; an unknown name is left as written. */
export function fillNamed(text: string, params?: Readonly<Record<string, string | number>>): string {
  return params
    ? text.replace(NAMED, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m))
    : text;
}

/**
 * The form for `count` from a plural message as @wxt-dev/i18n builds it ("zero | one | many",
 * "one | many", or one form for Chinese).
 */
export function pluralForm(message: string, count: number): string {
  const forms = message.split(' | ');
  if (forms.length === 3) return forms[count === 0 || count === 1 ? count : 2] ?? '';
  if (forms.length === 2) return forms[count === 1 ? 0 : 1] ?? '';
  return forms[0] ?? '';
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * The unit and rounded value to say how long ago `ms` was, or 'just now' within 10 s, for
 * Intl.RelativeTimeFormat.
 */
export function relativeStep(
  ms: number,
  now: number,
): { value: number; unit: Intl.RelativeTimeFormatUnit } | 'just now' {
  let value = (ms - now) / 1000;
  if (Math.abs(value) < 10) return 'just now';
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      const rounded = Math.round(value);
      return { value: rounded === 0 && unit === 'second' ? 0 : rounded, unit };
    }
    value /= size;
  }
  // Not reached: the last step has no bound.
  return { value: Math.round(value), unit: 'year' };
}

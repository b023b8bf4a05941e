/** A relative time ("3 minutes ago") with the exact date and time for the curious and for screen readers. */
import { formatDateTime, formatRelative } from '../i18n';

export function TimeAgo({ ms, now }: { ms: number; now?: number }) {
  const exact = formatDateTime(ms);
  return (
    <time dateTime={new Date(ms).toISOString()} title={exact}>
      {formatRelative(ms, now)}
    </time>
  );
}

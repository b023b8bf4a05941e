/** A relative time ("3 minutes ago") with the exact date and time for the curious and for screen readers. */
import { formatDateTime, formatRelative } from '../i18n';

export function TimeAgo({
  ms,
  now,
  format,
}: {
  ms: number;
  now?: number;
  format?: (relative: string) => string;
}) {
  const relative = formatRelative(ms, now);
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatDateTime(ms)}>
      {format ? format(relative) : relative}
    </time>
  );
}

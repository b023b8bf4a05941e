/**
 * The tool the person chose last under "Use it in…" (Claude Code, Cherry Studio, …), shown first
 * next time. One @wxt-dev/storage item ("local:settings.lastTool"), versioned like the other
 * settings and validated on every read: anything that is not a tool id reads as "none chosen".
 * It is a display preference, not part of the settings backup (an older backup file, which has no
 * such field, must keep importing).
 */
import { storage } from '@wxt-dev/storage';
import * as v from 'valibot';

/** A tool id as tools.json writes them. Nothing else (a pasted key, a URL) is ever stored here. */
export const LastTool = v.nullable(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)));
export type LastTool = v.InferOutput<typeof LastTool>;

export const LAST_TOOL_VERSION = 1;
/** Migrations keyed by the version they produce. None yet: version 1 is the first. */
export const LAST_TOOL_MIGRATIONS: Record<number, (old: unknown) => unknown> = {};

let item: ReturnType<typeof defineLastTool> | null = null;
function defineLastTool() {
  return storage.defineItem<LastTool>('local:settings.lastTool', {
    fallback: null,
    version: LAST_TOOL_VERSION,
    migrations: LAST_TOOL_MIGRATIONS,
  });
}
const lastToolItem = () => {
  item ??= defineLastTool();
  return item;
};

/** The last chosen tool, or null when none was chosen or what is stored is not a tool id. */
export async function readLastTool(): Promise<LastTool> {
  try {
    const parsed = v.safeParse(LastTool, await lastToolItem().getValue());
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** Stores a tool id; refuses anything else and leaves what is stored unchanged. */
export async function writeLastTool(toolId: string): Promise<boolean> {
  const parsed = v.safeParse(LastTool, toolId);
  if (!parsed.success || parsed.output === null) return false;
  await lastToolItem().setValue(parsed.output);
  return true;
}

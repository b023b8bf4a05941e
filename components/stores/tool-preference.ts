/**
 * The last tool chosen under "Use it in…", for popup and options: read once when a page opens,
 * written when a tool's tab is chosen (core/settings/last-tool: validated, tool ids only).
 */
import { useEffect, useState } from 'preact/hooks';
import { readLastTool, writeLastTool } from '../../core/settings/last-tool';

export interface ToolPreference {
  read(): Promise<string | null>;
  choose(toolId: string): Promise<void>;
}

export const liveToolPreference = (): ToolPreference => ({
  read: readLastTool,
  choose: async (toolId) => {
    await writeLastTool(toolId);
  },
});

/**
 * The stored choice: undefined while it is read, then the tool id or null. A choice made on this
 * page is stored but does not reorder the list already shown (the tabs would jump under the pointer).
 */
export function useLastTool(preference: ToolPreference | undefined): string | null | undefined {
  const [lastTool, setLastTool] = useState<string | null | undefined>(preference ? undefined : null);
  useEffect(() => {
    if (!preference) return;
    let current = true;
    preference.read().then(
      (id) => current && setLastTool(id),
      () => current && setLastTool(null),
    );
    return () => {
      current = false;
    };
  }, [preference]);
  return lastTool;
}

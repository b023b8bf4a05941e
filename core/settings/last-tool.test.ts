import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readLastTool, writeLastTool } from './last-tool';

beforeEach(() => fakeBrowser.reset());

describe('last chosen tool', () => {
  it('reads none until a tool is chosen, then that tool', async () => {
    expect(await readLastTool()).toBeNull();
    expect(await writeLastTool('claude-code')).toBe(true);
    expect(await readLastTool()).toBe('claude-code');
    const stored = await fakeBrowser.storage.local.get(['settings.lastTool', 'settings.lastTool$']);
    expect(stored).toEqual({ 'settings.lastTool': 'claude-code', 'settings.lastTool$': { v: 1 } });
  });

  it('refuses anything that is not a tool id and keeps what was stored', async () => {
    await writeLastTool('cursor');
    for (const bad of ['sk-proj-abc123DEF456', 'Claude Code', 'https://api.deepseek.com', '', 'x'.repeat(41)])
      expect(await writeLastTool(bad), bad).toBe(false);
    expect(await readLastTool()).toBe('cursor');
  });

  it('reads a corrupted value as none', async () => {
    await fakeBrowser.storage.local.set({
      'settings.lastTool': { toolId: 'cursor' },
      'settings.lastTool$': { v: 1 },
    });
    expect(await readLastTool()).toBeNull();
  });
});

/** What the figures were measured on, written at the top of every result. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** The browser's own version string, e.g. "Chromium 156.0.8078.79". */
  chromium: string;
  /** 1-minute load average when the bench started: other work on the machine adds noise. */
  loadAtStart: number;
}

/** The 1-minute load average now. */
export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}

export function describeMachine(chromiumVersion: string): MachineDescription {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    chromium: chromiumVersion,
    loadAtStart: currentLoad(),
  };
}

export function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

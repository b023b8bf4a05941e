/**
 * The background's data channel: puts the stored signed bundle in use at start, answers options
 * (status, "Update now", the weekly opt-in), and runs the weekly check only when the user opted
 * in. One update at a time: a second request while one runs waits for the same answer.
 */
import type { KeyValueArea } from '../storage/key-value-area';
import { type BuiltData, type DataInstaller, type DataStatus, loadInstalledData } from './installed';
import { ed25519Supported, type SigningKey } from './signature';
import { type UpdateOutcome, updateDataNow, weeklyCheckDue } from './updater';

export const DATA_WEEKLY_KEY = 'data.weekly';

/** The data in use and how it can be updated, as options shows it. */
export interface DataStatusAnswer {
  source: 'built-in' | 'signed';
  /** `YYYY-MM-DD`: the build's data date, or the signed bundle's. */
  asOf: string;
  version: number | null;
  /** The mirror the signed bundle came from. */
  mirror: string | null;
  fetchedAt: number | null;
  /** How many update mirrors this build has (none by default). */
  mirrors: number;
  weekly: boolean;
  /** This browser's WebCrypto verifies Ed25519 (without it no bundle can be accepted). */
  verifierAvailable: boolean;
}

export interface DataUpdateAnswer {
  ok: boolean;
  /** A message key: `dataUpdates.updated` or the refusal (`dataUpdates.dataBadSignature`, …). */
  message: string;
  status: DataStatusAnswer;
  failures: { mirror: string; reason: string }[];
}

export interface ChannelDeps {
  area: KeyValueArea;
  installer: DataInstaller;
  keys: readonly SigningKey[];
  built: BuiltData;
  mirrors: readonly string[];
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  timeoutMs?: number;
  subtle?: SubtleCrypto;
  warn?: (message: string) => void;
}

export class DataChannel {
  private status: DataStatus;
  private running: Promise<DataUpdateAnswer> | null = null;
  readonly ready: Promise<void>;

  constructor(private readonly deps: ChannelDeps) {
    this.status = { source: 'built-in', asOf: deps.built.asOf };
    this.ready = loadInstalledData(deps).then((s) => {
      this.status = s;
    });
  }

  /** After start: the weekly check, only when the user opted in and a week has passed. */
  async checkWeeklyIfDue(): Promise<UpdateOutcome | null> {
    await this.ready;
    if (!(await this.weekly()) || this.deps.mirrors.length === 0) return null;
    if (!(await weeklyCheckDue(this.deps.area, this.deps.now()))) return null;
    await this.update();
    return null;
  }

  async answer(): Promise<DataStatusAnswer> {
    await this.ready;
    const s = this.status;
    return {
      source: s.source,
      asOf: s.asOf,
      version: s.source === 'signed' ? s.version : null,
      mirror: s.source === 'signed' ? s.mirror : null,
      fetchedAt: s.source === 'signed' ? s.fetchedAt : null,
      mirrors: this.deps.mirrors.length,
      weekly: await this.weekly(),
      verifierAvailable: await ed25519Supported(this.deps.subtle),
    };
  }

  update(): Promise<DataUpdateAnswer> {
    this.running ??= this.runUpdate().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async setWeekly(weekly: boolean): Promise<DataStatusAnswer> {
    await this.deps.area.set({ [DATA_WEEKLY_KEY]: weekly });
    return this.answer();
  }

  private async weekly(): Promise<boolean> {
    const stored = await this.deps.area.get([DATA_WEEKLY_KEY]).catch((): Record<string, unknown> => ({}));
    return stored[DATA_WEEKLY_KEY] === true;
  }

  private async runUpdate(): Promise<DataUpdateAnswer> {
    await this.ready;
    const outcome = await updateDataNow({ ...this.deps, current: () => this.status });
    if (outcome.ok) this.status = outcome.status;
    return {
      ok: outcome.ok,
      message: outcome.ok ? 'dataUpdates.updated' : `dataUpdates.${outcome.reason}`,
      status: await this.answer(),
      failures: outcome.failures.map((f) => ({ mirror: f.mirror, reason: f.reason })),
    };
  }
}

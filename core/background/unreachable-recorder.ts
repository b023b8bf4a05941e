/**
 * The path from "this service cannot be reached from this network" to the log, the tab's state,
 * the badge and the notification: the same places a refusal goes, as its own kind
 * (`unreachable`), never called a refusal.
 *
 * Once per service per network per day. Browsers give extensions no network identity (no SSID,
 * no gateway, no public address without asking a third party), so "the same network" is
 * approximated: the same service, the same local day, and no page of that service loaded in
 * between. A page of the service that loads (a VPN switched on, another network) ends the
 * episode; a failure after that is a new event. Within an episode every further sighting,
 * in any tab, shows the one event already logged and adds nothing to its count; what the browser
 * said that the event does not carry yet (another host, another error name) is added to its
 * evidence, without a count or a notification.
 */
import * as v from 'valibot';
import { LogEvent } from '../log/event';
import { MAX_EVIDENCE_LENGTH } from '../log/sanitize';
import { isServiceWatched } from '../settings/schema';
import type { KeyValueArea } from '../storage/key-value-area';
import type { UnreachableSighting } from '../watch/unreachable-watch';
import { localDay } from './notify-gate';
import type { RecorderDeps, RecordResult } from './recorder';

export const UNREACHABLE_RULE_ID = 'network-unreachable';
export const EPISODES_KEY = 'unreachable.episodes';

const Episode = v.object({ day: v.string(), event: LogEvent });
const Episodes = v.record(v.string(), Episode);
type Episodes = v.InferOutput<typeof Episodes>;

/**
 * How many `host: NAME` entries an unreachable event's evidence carries at most: enough to show
 * every host of a service failing in its own way, few enough to read at a glance.
 */
export const MAX_EVIDENCE_ENTRIES = 5;

/**
 * Evidence: `host: NAME` entries joined by `; `. Those already in `existing` come first, then
 * each new one not in it yet, while there are fewer than MAX_EVIDENCE_ENTRIES and the text stays
 * within the log's 300 characters (whole entries only). Unchanged when nothing new fits.
 */
export function mergeUnreachableEvidence(existing: string, errors: readonly string[]): string {
  const entries = existing ? existing.split('; ') : [];
  for (const error of errors) {
    if (entries.length >= MAX_EVIDENCE_ENTRIES) break;
    if (!error || entries.includes(error)) continue;
    if ([...entries, error].join('; ').length > MAX_EVIDENCE_LENGTH) continue;
    entries.push(error);
  }
  return entries.join('; ');
}

/** A new event's evidence (a first entry longer than the log allows is cut, not lost). */
export function unreachableEvidence(errors: readonly string[]): string {
  const merged = mergeUnreachableEvidence('', errors);
  if (merged || !errors[0]) return merged;
  return `${errors[0].slice(0, MAX_EVIDENCE_LENGTH - 1)}…`;
}

export class UnreachableRecorder {
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: RecorderDeps & {
      /** storage.local: the episode of each service survives a stopped worker and a restart. */
      episodes: KeyValueArea;
    },
  ) {
    this.now = deps.now ?? Date.now;
    this.warn = deps.warn ?? ((m) => console.warn(`[detour] ${m}`));
  }

  record(sighting: UnreachableSighting): Promise<RecordResult> {
    return this.serial(() => this.store(sighting));
  }

  /** A page of the service loaded: whatever failed before, this network lets it through now. */
  recovered(service: string): Promise<void> {
    return this.serial(async () => {
      const episodes = await this.read();
      if (!episodes[service]) return;
      delete episodes[service];
      await this.deps.episodes.set({ [EPISODES_KEY]: episodes });
    });
  }

  private async store(sighting: UnreachableSighting): Promise<RecordResult> {
    const settings = await this.deps.settings();
    const { owner } = sighting;
    if (!isServiceWatched(settings, owner.service)) return { recorded: false, reason: 'serviceNotWatched' };
    const at = this.now();
    const today = localDay(at);
    const episodes = await this.read();
    const open = episodes[owner.service];
    let event: LogEvent;
    let deduped: boolean;
    if (open && open.day === today) {
      event = open.event;
      deduped = true;
      const evidence = mergeUnreachableEvidence(event.evidence, sighting.errors);
      if (evidence !== event.evidence) {
        try {
          const amended = await this.deps.log.amendEvidence(event, evidence);
          if (amended) {
            event = amended;
            episodes[owner.service] = { day: today, event };
            await this.deps.episodes.set({ [EPISODES_KEY]: episodes });
          }
        } catch (err) {
          this.warn(`could not add to an unreachable event's evidence (${String(err)})`);
        }
      }
    } else {
      try {
        const appended = await this.deps.log.append({
          service: owner.service,
          product: owner.product,
          kind: 'unreachable',
          ruleId: UNREACHABLE_RULE_ID,
          url: sighting.url,
          evidence: unreachableEvidence(sighting.errors),
          tabUrl: sighting.tabUrl,
          at,
        });
        event = appended.event;
        deduped = appended.deduped;
      } catch (err) {
        this.warn(`could not store an unreachable event (${String(err)})`);
        return { recorded: false, reason: 'storageError' };
      }
      // Only today's episodes are kept: the map never grows past the services Detour knows.
      const kept: Episodes = Object.fromEntries(Object.entries(episodes).filter(([, e]) => e.day === today));
      kept[owner.service] = { day: today, event };
      try {
        await this.deps.episodes.set({ [EPISODES_KEY]: kept });
      } catch (err) {
        this.warn(`unreachable episode not kept (${String(err)})`);
      }
      try {
        await this.deps.notify.blocked(event, settings);
      } catch (err) {
        this.warn(`notification failed (${String(err)})`);
      }
    }
    if (sighting.tabId >= 0) {
      try {
        const state = await this.deps.tabs.record(sighting.tabId, event, sighting.tabUrl);
        await this.deps.badge.show(sighting.tabId, state, settings);
      } catch (err) {
        this.warn(`tab ${sighting.tabId} state not updated (${String(err)})`);
      }
    }
    return { recorded: true, event, deduped };
  }

  private async read(): Promise<Episodes> {
    const raw = (await this.deps.episodes.get([EPISODES_KEY]))[EPISODES_KEY];
    if (raw === undefined) return {};
    const parsed = v.safeParse(Episodes, raw);
    if (!parsed.success) {
      this.warn('unreachable episodes are corrupted; starting over');
      return {};
    }
    return { ...parsed.output };
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

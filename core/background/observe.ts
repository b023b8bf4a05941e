/**
 * The one path from something a watcher saw to the log: classify the observation with the engine,
 * and hand a block to the BlockRecorder. webRequest, tab URL changes, Firefox's body filter and
 * content-script reports all come through here, so a classifier that throws is handled once and
 * a clean verdict never costs a storage read.
 */
import type { Observation, Verdict } from '../detection/observation';
import type { TabStates } from '../log/tab-states';
import type { BlockRecorder, RecordResult, Sighting } from './recorder';

/** Where an observation was seen; `url` stands in when the observation carries none. */
export interface ObservedAt {
  kind: Sighting['kind'];
  url: string;
  tabId: number;
  /** The page the tab shows; looked up from the tab's state when absent and a block is found. */
  tabUrl?: string;
  owner: Sighting['owner'];
}

export type Observe = (observation: Observation, at: ObservedAt) => Promise<RecordResult>;

export interface ObserveDeps {
  classify: (observation: Observation) => Verdict;
  recorder: BlockRecorder;
  tabs: TabStates;
  warn?: (message: string) => void;
  /**
   * Called once, after this worker's first observation is classified, with the answer already on
   * its way: the place to build what later classifications would otherwise build on their path
   * (the engine's tables for other kinds). Only a worker that watches a service page pays for it.
   */
  afterFirst?: () => void;
}

export function createObserve(deps: ObserveDeps): Observe {
  const warn = deps.warn ?? ((m: string) => console.warn(`[detour] ${m}`));
  let afterFirst = deps.afterFirst;
  return async (observation, at) => {
    let verdict: Verdict;
    try {
      verdict = deps.classify(observation);
    } catch (err) {
      warn(`classifier failed on a ${at.kind} observation (${String(err)})`);
      return { recorded: false, reason: 'clean' };
    } finally {
      if (afterFirst) {
        const once = afterFirst;
        afterFirst = undefined;
        once();
      }
    }
    if (verdict.verdict !== 'block') return { recorded: false, reason: 'clean' };
    const tabUrl =
      at.tabUrl ?? (at.tabId >= 0 ? ((await deps.tabs.get(at.tabId)).url ?? undefined) : undefined);
    return deps.recorder.record(verdict, {
      kind: at.kind,
      url: observation.url ?? at.url,
      status: observation.status,
      tabId: at.tabId,
      tabUrl,
      owner: at.owner,
    });
  };
}

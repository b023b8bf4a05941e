/**
 * Attribute a V8 CPU profile (CDP Profiler.stop) to script URLs by self time. The renderer's
 * profiler samples every world on the main thread, so an extension's isolated-world content
 * scripts show up as frames whose URL starts with chrome-extension://<id>/.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  /** Microseconds between consecutive samples; timeDeltas[i] precedes samples[i]. */
  timeDeltas?: number[];
}

/** Self time in milliseconds of the frames whose script URL starts with `urlPrefix`. */
export function selfTimeMs(profile: CpuProfile, urlPrefix: string): number {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const matches = new Set(
    profile.nodes.filter((n) => n.callFrame.url.startsWith(urlPrefix)).map((n) => n.id),
  );
  let micros = 0;
  let at = profile.startTime;
  // A sample lasts until the next one; the last one lasts until the profile's end.
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (!matches.has(samples[i] as number)) continue;
    micros += i + 1 < samples.length ? (deltas[i + 1] ?? 0) : Math.max(0, profile.endTime - at);
  }
  return micros / 1000;
}

/**
 * `npm run classify -- FILE...`: classifies observations with Detour's engine, offline.
 *
 * A file is a JSON array of observations, JSON lines (one observation a line), or plain text
 * (a pasted error or a log: one `text` observation). A lone JSON object is one observation when
 * it has an observation's fields, and otherwise a pasted body (one `text` observation).
 * Prints one JSON line per observation: {"id","verdict","service","ruleId","evidence"}; the id
 * defaults to the observation's position in its file (from 0).
 * Bad input gets one line on stderr naming the file and the problem, and exit status 2; the
 * good observations in the same file are still classified.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { classifyObservation } from '../core/detection/index';
import { Observation } from '../core/detection/observation';

const StrictObservation = v.pipe(
  v.strictObject(Observation.entries),
  v.check(
    (observation) => observation.url !== undefined || observation.body !== undefined,
    'needs a url or a body',
  ),
);
const OBSERVATION_KEYS = new Set(Object.keys(Observation.entries));

interface Problem {
  file: string;
  message: string;
}

function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'not an observation';
  const path = v.getDotPath(issue);
  if (issue.type === 'strict_object' && path) return `unknown field "${path}"`;
  return path ? `${path}: ${issue.message}` : issue.message;
}

function looksBinary(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

function isObservationShaped(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => OBSERVATION_KEYS.has(key));
}

/** Reads one file into observations (with their default ids) and problems. */
export function readObservations(file: string): { observations: Observation[]; problems: Problem[] } {
  const observations: Observation[] = [];
  const problems: Problem[] = [];
  const problem = (message: string) => {
    problems.push({ file, message });
  };

  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem(
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`,
    );
    return { observations, problems };
  }
  if (looksBinary(bytes)) {
    problem('binary data, not JSON or text');
    return { observations, problems };
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  const accept = (value: unknown, position: number, where: string) => {
    const parsed = v.safeParse(StrictObservation, value);
    if (parsed.success) observations.push({ ...parsed.output, id: parsed.output.id ?? position });
    else problem(`${where}: ${describeIssues(parsed.issues)}`);
  };

  if (trimmed === '') {
    problem('empty file');
  } else if (trimmed.startsWith('[')) {
    let items: unknown;
    try {
      items = JSON.parse(trimmed);
    } catch (error) {
      problem(`not valid JSON (${(error as Error).message})`);
      return { observations, problems };
    }
    if (!Array.isArray(items)) problem('not a JSON array');
    else for (const [position, item] of items.entries()) accept(item, position, `item ${position}`);
  } else if (trimmed.startsWith('{')) {
    let whole: unknown;
    let parsedWhole = false;
    try {
      whole = JSON.parse(trimmed);
      parsedWhole = true;
    } catch {
      // Not one JSON value: JSON lines, or text that happens to start with a brace.
    }
    if (parsedWhole) {
      if (isObservationShaped(whole)) accept(whole, 0, 'the object');
      else observations.push({ id: 0, kind: 'text', body: text });
    } else {
      const lines = text.split(/\r?\n/);
      const firstLine = lines.find((line) => line.trim() !== '') ?? '';
      let firstIsJson = true;
      try {
        JSON.parse(firstLine);
      } catch {
        firstIsJson = false;
      }
      if (!firstIsJson) {
        observations.push({ id: 0, kind: 'text', body: text });
      } else {
        let position = 0;
        lines.forEach((line, index) => {
          if (line.trim() === '') return;
          let value: unknown;
          try {
            value = JSON.parse(line);
          } catch (error) {
            problem(`line ${index + 1}: not valid JSON (${(error as Error).message})`);
            position++;
            return;
          }
          accept(value, position++, `line ${index + 1}`);
        });
      }
    }
  } else {
    observations.push({ id: 0, kind: 'text', body: text });
  }
  return { observations, problems };
}

function main(files: string[]): number {
  if (files.length === 0) {
    process.stderr.write('classify: give one or more files: npm run classify -- FILE...\n');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const { observations, problems } = readObservations(file);
    for (const { message } of problems) process.stderr.write(`classify: ${file}: ${message}\n`);
    if (problems.length > 0) failed = true;
    for (const observation of observations) {
      const verdict = classifyObservation(observation);
      const line = {
        id: observation.id,
        verdict: verdict.verdict,
        service: verdict.service,
        ruleId: verdict.ruleId,
        evidence: verdict.evidence,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  }
  return failed ? 2 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`classify: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}

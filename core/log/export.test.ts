import { describe, expect, it } from 'vitest';
import type { LogEvent } from './event';
import { CSV_COLUMNS, csvCell, logToCsv, logToJson } from './export';

const NOW = Date.UTC(2026, 10, 2, 8, 30, 0);
const event: LogEvent = {
  id: 'e1',
  service: 'openai',
  product: 'chatgpt',
  kind: 'page',
  ruleId: 'openai.unsupported-country',
  url: 'https://chatgpt.com/',
  status: 403,
  evidence: '=HYPERLINK("http://evil.example","click"), "quoted"\nsecond line',
  firstSeen: NOW - 1000,
  lastSeen: NOW,
  count: 3,
};

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
  ])('%j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it('writes numbers as numbers and undefined as empty', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('logToCsv', () => {
  it('has a header, one row per event, CRLF lines and a BOM', () => {
    const { text, filename, mime } = logToCsv([event, { ...event, id: 'e2', status: undefined }], NOW);
    expect(filename).toBe('detour-log-2026-11-02.csv');
    expect(mime).toContain('text/csv');
    expect(text.startsWith('\ufeffid,service,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), ""quoted""\nsecond line"`);
    expect(text).toContain('2026-11-02T08:30:00.000Z');
    // Parse it back with a tiny RFC 4180 reader: the rows must have exactly the columns.
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[7]).toBe(`'${event.evidence}`);
    expect(rows[2]?.[6]).toBe('');
  });
});

describe('logToJson', () => {
  it('writes the documented detour-log format', () => {
    const { text, filename } = logToJson([event], NOW);
    expect(filename).toBe('detour-log-2026-11-02.json');
    const parsed = JSON.parse(text);
    expect(parsed).toEqual({
      format: 'detour-log',
      version: 1,
      exportedAt: '2026-11-02T08:30:00.000Z',
      events: [event],
    });
  });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/**
 * Pasted reports of what a service showed: a short report on its own ('Gemini app提示“所在地区不支持”'),
 * and a comment naming the service before its reporting word ('gemini怎么还是说我所在的地区不可用呢').
 */
import { plain, type TextContext, type TextFinding } from './finding';
import { closestPair, findInText } from './sentence-reading';
import { sentences, within } from './sentences';
import type { Compiled } from './tables';
import { hits } from './terms';
import { namedServices } from './who-refused';

/** Longest pasted report that is read for the words it reports, and longest subject before its reporting word. */
const REPORT_LIMIT = 80;
const REPORT_SUBJECT_LIMIT = 30;

/**
 * A short pasted report of what a service showed ('Gemini app提示“所在地区不支持”'): the person
 * pasting it is telling Detour what they saw, so the reported words are read as the refusal,
 * addressed like any other. The paste must be only that: a short subject, the reporting word and
 * the reported words to the end, one clause. Reports inside longer text (issue threads, articles,
 * a report followed by the writer's own comment) stay vetoed: there the report is prose around a quote.
 */
export function reportedFinding(compiled: Compiled, text: string, context: TextContext): TextFinding | null {
  if (text.length > REPORT_LIMIT) return null;
  const [report] = hits(compiled.reporting, text);
  if (!report || report.start > REPORT_SUBJECT_LIMIT) return null;
  // A report under a hedge ('if Gemini says …') is advice about a refusal, not what a service showed.
  if (hits(compiled.hedges, text.slice(0, report.start)).length > 0) return null;
  // A report that a service did not show a refusal ('没有提示…') reports none.
  if (hits(compiled.conditions, text.slice(0, report.end)).some((hedge) => hedge.end >= report.end))
    return null;
  const reported = text.slice(report.end).replace(/^[\s:"'「『]+|[\s"'」』.。!！]+$/g, '');
  if (/[,.;:!?。，；：！？"\n،؛؟]/.test(reported)) return null;
  const finding = findInText(compiled, reported, context);
  return finding ? { ...finding, phrases: [...finding.phrases, report.term], share: 1 } : null;
}

/** Longest pasted text, and longest sentence in it, read for a named service's reported words. */
export const NAMED_REPORT_LIMIT = 1000;
const NAMED_REPORT_SENTENCE_LIMIT = 160;
/**
 * How far into the reported words the refusal may begin: '提示我所在区域不可用', '说我 location not
 * supported', 'сообщает, что сервис недоступен…' (a connective and a subject before it).
 */
const REPORT_GAP = 16;
/** How far before a verb-final reporting word its region error may end ('Gemini ارور لوکیشن میده'). */
const REPORT_LEAD_BEFORE = 24;

/**
 * A comment reporting what a named AI service showed ('今天使用gemini发现提示我所在区域不可用',
 * '支持Gemini的节点，依旧显示地区不支持', 'gemini怎么还是说我所在的地区不可用呢', 'Приложение Gemini
 * на iOS сообщает, что сервис недоступен в моем регионе'): the service is named before the
 * reporting word in the same short sentence, and the words right after it join a location to an
 * unavailability, or name a region error ('显示地区问题', 'выдает ошибку геолокации'; in a
 * verb-final language right before it: 'Gemini ارور لوکیشن میده'). What the service showed was
 * addressed to the writer, so no 'your' is needed, and a question around the report ('why does it
 * still say …') does not make it any less a report. A condition ('如果 Gemini 提示…'), a guard, a
 * long sentence, a report with no service named, and a question about which regions are supported
 * (no reporting word) stay clean.
 */
export function namedReportFinding(compiled: Compiled, text: string): TextFinding | null {
  if (text.length > NAMED_REPORT_LIMIT) return null;
  const reports = hits(compiled.reports, text);
  if (reports.length === 0) return null;
  const named = namedServices(compiled.names, text);
  if (named.length === 0) return null;
  const spans = sentences(text);
  for (const report of reports) {
    const sentence = spans.find((span) => within(report, span));
    if (!sentence || sentence.end - sentence.start > NAMED_REPORT_SENTENCE_LIMIT) continue;
    if (!named.some((candidate) => candidate.at >= sentence.start && candidate.at < report.start)) continue;
    const rest = text.slice(report.end, sentence.end);
    const lead = /^[\s:："'「『“,，]*/u.exec(rest)?.[0].length ?? 0;
    // A single line break inside the sentence is a wrapped line, not the clause's end.
    const clauseEnd = rest.slice(lead).search(/[,，.。!！?？;；:：]|\n\s*\n/);
    const clause = clauseEnd < 0 ? rest : rest.slice(0, lead + clauseEnd);
    // A condition or a guess anywhere in the sentence ('如果…', '…应该是…的问题', '没有提示…') is advice or a diagnosis.
    if (hits(compiled.conditions, text.slice(sentence.start, sentence.end)).length > 0) continue;
    if (compiled.sentenceGuards.some(({ regex }) => regex.test(clause))) continue;
    const locations = [...hits(compiled.location, clause), ...hits(compiled.addressedLocation, clause)]
      .sort((a, b) => a.start - b.start)
      .map((hit, order) => ({ ...hit, order }));
    const best = closestPair(hits(compiled.unavailable, clause), locations);
    const evidence = plain(text.slice(sentence.start, sentence.end));
    if (best && Math.min(best.location.start, best.unavailable.start) - lead <= REPORT_GAP)
      return {
        phrases: [best.unavailable.term, best.location.term, report.term],
        lang: best.unavailable.lang,
        evidence,
        structured: false,
        inTitle: false,
        share: 1,
      };
    const before = text.slice(Math.max(sentence.start, report.start - REPORT_LEAD_BEFORE), report.start);
    const error =
      hits(compiled.regionErrors, clause).find((hit) => hit.start - lead <= REPORT_GAP) ??
      hits(compiled.regionErrors, before).find((hit) => before.slice(hit.end).trim().length <= 2);
    if (error)
      return {
        phrases: [error.term, report.term],
        lang: error.lang,
        evidence,
        structured: false,
        inTitle: false,
        share: 1,
      };
  }
  return null;
}

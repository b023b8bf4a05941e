/**
 * The background's way-forward answers (core/catalog/way-forward-answers, over the protocol) as
 * the view models components draw: text in the UI language, region codes as names, ISO dates
 * as local dates. No catalog data here, so the popup's bundle stays small.
 */
import type {
  ExitJudgement,
  MigrationSnippetsAnswer,
  SuggestionAnswer,
  ToolConfigsAnswer,
} from '../core/catalog/way-forward-answers';
import type { MessageRef } from '../core/i18n/message-ref';
import { countryName, formatIsoDate, localized, t } from './i18n';
import { productLabel, serviceLabel } from './service-names';
import type { ExitCountryView, SnippetSetView, SuggestionView, ToolConfigView } from './view-models';

/** Region params arrive as codes; the reader sees names. Dates arrive as ISO; the reader sees local dates. */
function readableReason(reason: MessageRef): MessageRef {
  const params: Record<string, string> = { ...reason.params };
  // One code, or several ("CN, HK") when the region is known only as a set.
  if (params.region)
    params.region = params.region
      .split(', ')
      .map((code) => countryName(code))
      .join(t('common.listSeparator'));
  if (params.date) params.date = formatIsoDate(params.date);
  return { key: reason.key, params };
}

export function suggestionView(answer: SuggestionAnswer): SuggestionView {
  const { incentive } = answer;
  return {
    platformId: answer.platformId,
    name: localized(answer.name),
    reasons: answer.reasons.map(readableReason),
    incentive: incentive ? { ...incentive, summary: localized(incentive.summary) } : null,
    links: { ...answer.links },
    baseUrl: answer.baseUrl,
    apiAddressUnconfirmed: answer.apiAddressUnconfirmed ? { ...answer.apiAddressUnconfirmed } : null,
    keyWarnings: answer.keyWarnings.map((w) => ({ key: w.key, params: { ...w.params } })),
    modelMapping: answer.modelMapping ? { from: answer.modelMapping.from, to: answer.modelMapping.to } : null,
    freshness: { ...answer.freshness },
  };
}

export function snippetSetView(answer: MigrationSnippetsAnswer): SnippetSetView {
  if (!answer.ok) {
    const { reasonParams, ...refused } = answer;
    return reasonParams ? { ...refused, reasonParams: { date: formatIsoDate(reasonParams.date) } } : refused;
  }
  return {
    ok: true,
    model: answer.model,
    notes: answer.notes.map((n) => ({ key: n.key, params: { ...n.params } })),
    snippets: answer.snippets.map((s) => ({ ...s })),
  };
}

export function toolConfigViews(answer: ToolConfigsAnswer): ToolConfigView[] {
  return answer.tools.map((tool) => ({
    ...tool,
    where: { ...tool.where },
    configs: tool.configs.map((c) => ({ ...c })),
    pitfalls: tool.pitfalls.map((p) => ({ key: p.key, params: { ...p.params } })),
  }));
}

/** The exit-country line's view: whose list, from when, named by product. */
export function exitCountryView(
  judgement: ExitJudgement | null,
  input: { service: string; product?: string; checkedAt: number },
): ExitCountryView | null {
  if (!judgement) return null;
  return {
    service: input.service,
    serviceName: productLabel(input.service, input.product),
    country: judgement.country,
    decision: judgement.decision,
    unknownReason: judgement.reason,
    listOwner: judgement.list ? serviceLabel(input.service) : null,
    listDate: judgement.list?.asOf ?? null,
    listStale: judgement.list?.stale ?? false,
    partial: judgement.partial,
    source: judgement.list?.source ?? null,
    checkedAt: input.checkedAt,
  };
}

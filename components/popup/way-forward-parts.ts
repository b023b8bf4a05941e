/**
 * The popup's parts that are not in its first paint: what to do about a service (Check now, the
 * exit country, the way forward, the connection-check offer). Popup.tsx imports them dynamically
 * once the tab's answer names a service, so their code is neither fetched nor evaluated before
 * the first paint (bench/findings.md: what loads before the popup's first paint).
 */
export { SuggestionList } from '../shared/SuggestionList';
export { CheckNow } from './CheckNow';
export { ConnectionCheckOffer } from './ConnectionCheckOffer';
export { ExitCountryLine } from './ExitCountryLine';

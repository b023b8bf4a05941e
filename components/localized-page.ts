/**
 * Renders a page in the language chosen in the options, and again in place whenever the choice
 * changes (from this page or another): the page keeps its state and focus, every component reads
 * its text anew, and the document's lang and title follow.
 */
import { render, type VNode } from 'preact';
import { followLanguageSetting } from '../core/language/browser-messages';
import { uiLocale } from './i18n';

export function renderLocalized(root: HTMLElement, page: () => VNode, title?: () => string): void {
  const draw = () => {
    document.documentElement.lang = uiLocale();
    if (title) document.title = title();
    render(page(), root);
  };
  // Drawn once the choice is applied; a choice that cannot be read leaves the browser's language.
  void followLanguageSetting(draw).then(draw, draw);
}

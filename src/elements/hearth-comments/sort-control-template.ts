import { html, type TemplateResult } from 'lit';
import type { ReadingWords } from '../../i18n/messages/reading-messages.js';
import { readSortOrder, SortOrder } from '../../internal/thread-sort.js';

const orders = [SortOrder.oldest, SortOrder.newest, SortOrder.top] as const;

/**
 * "Sort by" with a native select of oldest, newest and top: labelled, and keyboard-operable
 * as every select is. `onChange` gets the order the reader picked.
 */
export function renderSortControl(
  order: SortOrder,
  onChange: (order: SortOrder) => void,
  messages: ReadingWords,
): TemplateResult {
  return html`<label class="sort"
    >${messages.sortBy}
    <select
      part="sort"
      @change=${(event: Event) => onChange(readSortOrder((event.target as HTMLSelectElement).value))}
    >
      ${orders.map((value) => html`<option value=${value} .selected=${value === order}>${messages.sortOrders[value]}</option>`)}
    </select></label
  >`;
}

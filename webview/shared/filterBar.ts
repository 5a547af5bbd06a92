// The filter bar of the matrix and the timeline: one drop-down per field the host sends, its
// options labelled by the host in the UI language. It knows no type, status or filter rule; it
// reports the filter chosen and the host decides what it shows.
import './filterBar.css';
import type { Filter, FilterBar, FilterKey } from '../../src/protocol/filterBar';
import { dropdown, el } from './ui';

export interface FilterBarView {
  /**
   * The bar for these fields and this filter. The drop-downs are toolkit components, the costliest
   * elements on the page, so the bar of the last call is returned again while the fields and the
   * filter are the same: a card moved or a bar resized leaves it as it is.
   */
  render(fields: FilterBar, filter: Filter): HTMLElement;
}

/** A filter bar that calls `onChange` with the whole new filter when a drop-down changes. */
export function filterBarView(onChange: (filter: Filter) => void): FilterBarView {
  let last: { key: string; node: HTMLElement } | undefined;
  // The filter as last chosen: a second drop-down changed before the host answers keeps the first.
  let current: Filter = {};
  return {
    render(fields, filter) {
      current = filter;
      const key = JSON.stringify([fields, filter]);
      if (last?.key === key) return last.node;
      const bar = el('div', 'filters');
      for (const field of fields) {
        bar.append(
          dropdown(field.label, field.all, field.options, filter[field.key], (value) => {
            current = { ...current, [field.key]: value || undefined };
            onChange(current);
          }),
        );
      }
      last = { key, node: bar };
      return bar;
    },
  };
}

/** A value as the bar names it in the UI language (`进行中 in-progress`), else the value itself. */
export function optionLabel(fields: FilterBar, key: FilterKey, value: string): string {
  return fields.find((f) => f.key === key)?.options.find((o) => o.value === value)?.label ?? value;
}

/**
 * The filter a webview starts with: the host's once it has one (it computed what it sends with
 * it), else the one the webview kept from before it was hidden, which the host is then told.
 */
export function startingFilter(kept: Filter | undefined, fromHost: Filter, tellHost: (filter: Filter) => void): Filter {
  if (Object.values(fromHost).some(Boolean) || !kept || Object.keys(kept).length === 0) return fromHost;
  tellHost(kept);
  return kept;
}

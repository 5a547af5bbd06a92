// What the matrix and the timeline show instead of an empty grid or chart when no record has the
// fields they draw from (a team's records without scores or tasks): the host's words, the fields
// as a record writes them, and how to add them. Everything is set as text.
import './missingFields.css';
import type { MissingFieldsText } from '../../src/protocol/common';
import { el } from './ui';

export function missingFieldsView(missing: MissingFieldsText): HTMLElement {
  const box = el('section', 'missing-fields');
  box.setAttribute('role', 'status');
  box.append(el('h2', undefined, missing.title));
  const list = el('ul', 'missing-field-list');
  for (const field of missing.fields) {
    const item = el('li');
    item.append(el('code', 'missing-field', field));
    list.append(item);
  }
  box.append(list, el('p', 'missing-hint', missing.hint));
  return box;
}

// The one place that knows the component toolkit. @vscode/webview-ui-toolkit is deprecated by its
// maintainers; everything else uses these helpers, so moving to its successor changes this file.
import { provideVSCodeDesignSystem, vsCodeDropdown, vsCodeOption } from '@vscode/webview-ui-toolkit';

let registered = false;

function register(): void {
  if (registered) return;
  provideVSCodeDesignSystem().register(vsCodeDropdown(), vsCodeOption());
  registered = true;
}

/**
 * A labelled drop-down; `onChange` gets '' for "all". Options are shown by their label, already in
 * the UI language. Option texts are set as text, never HTML.
 */
export function dropdown(
  label: string,
  allText: string,
  options: ReadonlyArray<{ value: string; label: string }>,
  selected: string | undefined,
  onChange: (value: string) => void,
): HTMLElement {
  register();
  const wrap = document.createElement('label');
  wrap.className = 'filter';
  const caption = document.createElement('span');
  caption.textContent = label;
  const select = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  select.setAttribute('aria-label', label);
  // The chosen value, not only the chosen option: a new drop-down otherwise takes the first option
  // whose value equals its own empty value, the "all" choice, and shows it after every render.
  select.setAttribute('value', selected ?? '');
  for (const { value, label: text } of [{ value: '', label: allText }, ...options]) {
    const option = document.createElement('vscode-option') as HTMLElement & { value: string };
    option.setAttribute('value', value);
    option.textContent = text;
    if (value === (selected ?? '')) option.setAttribute('selected', '');
    select.appendChild(option);
  }
  select.addEventListener('change', () => onChange(select.value));
  wrap.append(caption, select);
  return wrap;
}

/** An element with text content only (user text is never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

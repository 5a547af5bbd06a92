// Placeholder text: what a quick fix or a template writes for the user to replace, and the obvious
// fillers people type themselves (TODO, 待填写…). Text still equal to one of them is not a value:
// validation reports it as `placeholder`, with the severity of the missing value it stands for.
import { localize, type Language } from './l10n';

/** The placeholders ReqDesk writes into files, in a language (quick fixes take them from here). */
export function writtenPlaceholders(lang: Language) {
  return {
    todo: localize(lang, 'TODO'),
    reason: localize(lang, 'TODO: reason'),
    noFeedbackReason: localize(lang, 'TODO: why no feedback was collected'),
    lessons: localize(lang, 'TODO: lessons learned'),
  };
}

/** The obvious fillers (`reqdesk.placeholders`' default), in both languages the seed is written in. */
export const DEFAULT_PLACEHOLDERS: readonly string[] = [
  'TODO',
  'TBD',
  'TBC',
  'FIXME',
  'XXX',
  '...',
  '…',
  '待填写',
  '待定',
  '待补充',
  '待完善',
  '暂无',
];

/** How text is compared with a placeholder: blanks at the ends and inside folded, case ignored. */
function comparable(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

// Keyed by the settings' list: a Set per list, built once, not per value checked.
const placeholderSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function placeholderSet(configured: readonly string[]): ReadonlySet<string> {
  let set = placeholderSets.get(configured);
  if (!set) {
    // What ReqDesk itself writes is a placeholder whatever the setting says, in either language:
    // a team may switch the UI language after a fix wrote one.
    const written = (['en', 'zh-cn'] as const).flatMap((lang) => Object.values(writtenPlaceholders(lang)));
    set = new Set([...written, ...configured].map(comparable).filter(Boolean));
    placeholderSets.set(configured, set);
  }
  return set;
}

/** Whether the text is nothing but a placeholder (ReqDesk's own, or one of `configured`). */
export function isPlaceholder(text: string, configured: readonly string[]): boolean {
  return placeholderSet(configured).has(comparable(text));
}

// Near-duplicate requests: when a customer asks for something another customer asked for already,
// the requirement exists and gains a requester instead of a twin (需求合并). Which records read
// like a new one is decided here, from their words. Pure: the caller passes the texts.
//
// Words: Chinese (and Japanese, Korean) is written without spaces, so its text is cut into
// overlapping pairs of characters (设备能耗 → 设备 备能 能耗), which match whatever the word
// boundaries; other scripts are cut into words (lower case, full-width folded, a plural -s
// dropped, a few English filler words left out).
//
// Weights: a word many records use says little (需求, 客户, data), one few use says much. Each
// word weighs ln(1 + N / n), N the records compared plus the new one, n those among them that use
// it.
//
// Score, from 0 to 1, the highest of:
//   - the titles' overlap: weighted Dice, 2·w(A ∩ B) / (w(A) + w(B));
//   - the overlap of title, scenario and goal of both (when the new one has more than a title);
//   - how much of the new title the record's title, scenario and goal hold, w(A ∩ B) / w(A),
//     times 0.8 and only for a title of at least four words: a short title is found everywhere.
// A record is a near duplicate at NEAR_DUPLICATE_THRESHOLD (0.3) or more: character pairs across
// Chinese word boundaries (能耗数据 → 耗数) never match, so a paraphrase scores well under 1
// (实时查看设备能耗 against 实时监控生产设备能耗: 0.43; Export the energy report as CSV against
// Export energy readings as CSV: 0.67), while unrelated requests of the examples' workspace stay
// under 0.2. A text is its own nearest duplicate (score 1).
import { outlineBody } from './body';
import { splitFile } from './frontmatter';

/** The score from which a record is offered as a near duplicate. */
export const NEAR_DUPLICATE_THRESHOLD = 0.3;
/** How many near duplicates are offered at most. */
export const NEAR_DUPLICATE_LIMIT = 3;
/** The weight of "the new title is inside the record's text" beside a real overlap. */
const CONTAINED_FACTOR = 0.8;
/** Titles shorter than this (in words) are not looked for inside other records' text. */
const CONTAINED_MIN_WORDS = 4;

export interface DuplicateCandidate {
  file: string;
  id?: string;
  title?: string;
  /** The record's scenario and goal sections (see `similarityText`). */
  text?: string;
}

export interface NearDuplicate {
  file: string;
  id?: string;
  title?: string;
  /** 0 to 1, see the header. */
  score: number;
}

export interface DuplicateQuery {
  title: string;
  /** Scenario and goal, or a description, when the new requirement has them. */
  text?: string;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'our',
  'the',
  'their',
  'this',
  'that',
  'to',
  'we',
  'with',
]);

function addWord(word: string, out: Set<string>): void {
  if (STOP_WORDS.has(word)) return;
  // "reports" and "report" are one word; "class", "bus" and "is"-like short words stay.
  out.add(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
}

/** The words of a text as compared here: character pairs of CJK runs, words of other scripts. */
export function similarityTokens(text: string): Set<string> {
  const out = new Set<string>();
  const chars = [...text.normalize('NFKC').toLowerCase()];
  let run: string[] = [];
  let word = '';
  const endRun = () => {
    if (run.length === 1) out.add(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) out.add(run[i]! + run[i + 1]!);
    run = [];
  };
  const endWord = () => {
    if (word) addWord(word, out);
    word = '';
  };
  for (const c of chars) {
    if (CJK.test(c)) {
      endWord();
      run.push(c);
    } else if (WORD.test(c)) {
      endRun();
      word += c;
    } else {
      endRun();
      endWord();
    }
  }
  endRun();
  endWord();
  return out;
}

/**
 * The part of a record's body compared beside its title: the text of its scenario and goal
 * sections (需求场景, 期望目标), HTML comments (template hints) left out.
 */
export function similarityText(fileText: string): string {
  const split = splitFile(fileText);
  const outline = outlineBody(split.text, split.bodyStart);
  return outline.sections
    .filter((s) => s.key === 'scenario' || s.key === 'goal')
    .map((s) =>
      split.text
        .slice(s.content.start, s.content.end)
        .replace(/<!--[^]*?-->/g, ' ')
        .trim(),
    )
    .join('\n');
}

interface Prepared {
  title: Set<string>;
  all: Set<string>;
}

// The words of a candidate, kept for as long as the caller keeps the same object.
const prepared = new WeakMap<DuplicateCandidate, Prepared>();

function prepare(title: string | undefined, text: string | undefined): Prepared {
  const titleTokens = similarityTokens(title ?? '');
  const all = new Set(titleTokens);
  for (const t of similarityTokens(text ?? '')) all.add(t);
  return { title: titleTokens, all };
}

function preparedOf(candidate: DuplicateCandidate): Prepared {
  let p = prepared.get(candidate);
  if (!p) prepared.set(candidate, (p = prepare(candidate.title, candidate.text)));
  return p;
}

// How many candidates use each word, kept for as long as the caller keeps the same list.
const frequencies = new WeakMap<readonly DuplicateCandidate[], Map<string, number>>();

function documentFrequencies(candidates: readonly DuplicateCandidate[]): Map<string, number> {
  let uses = frequencies.get(candidates);
  if (!uses) {
    uses = new Map();
    for (const c of candidates) for (const t of preparedOf(c).all) uses.set(t, (uses.get(t) ?? 0) + 1);
    frequencies.set(candidates, uses);
  }
  return uses;
}

/**
 * The records that read like `query`, best first (ties in the order given), at most `limit`, each
 * at `threshold` or more.
 */
export function findNearDuplicates(
  query: DuplicateQuery,
  candidates: readonly DuplicateCandidate[],
  options: { threshold?: number; limit?: number } = {},
): NearDuplicate[] {
  const threshold = options.threshold ?? NEAR_DUPLICATE_THRESHOLD;
  const limit = options.limit ?? NEAR_DUPLICATE_LIMIT;
  const q = prepare(query.title, query.text);
  if (q.all.size === 0) return [];
  const uses = documentFrequencies(candidates);
  // The new text counts among the texts: its words are used at least once.
  const n = candidates.length + 1;
  const weight = (t: string) => Math.log(1 + n / ((uses.get(t) ?? 0) + (q.all.has(t) ? 1 : 0) || 1));
  /** The weight of a set's words (only those also in `within`, when given). */
  const sum = (set: Set<string>, within?: Set<string>) => {
    let total = 0;
    for (const t of set) if (!within || within.has(t)) total += weight(t);
    return total;
  };
  const dice = (a: Set<string>, b: Set<string>) => {
    const total = sum(a) + sum(b);
    return total === 0 ? 0 : (2 * sum(a, b)) / total;
  };
  const qTitle = sum(q.title);
  const queryHasText = q.all.size > q.title.size;

  const scored: NearDuplicate[] = [];
  for (const c of candidates) {
    const d = preparedOf(c);
    let score = dice(q.title, d.title);
    if (queryHasText) score = Math.max(score, dice(q.all, d.all));
    if (q.title.size >= CONTAINED_MIN_WORDS && qTitle > 0) score = Math.max(score, (CONTAINED_FACTOR * sum(q.title, d.all)) / qTitle);
    if (score >= threshold) scored.push({ file: c.file, ...(c.id ? { id: c.id } : {}), ...(c.title ? { title: c.title } : {}), score });
  }
  // Stable: equal scores keep the candidates' order.
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}

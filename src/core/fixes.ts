// Quick fixes: what each fixable problem offers, as minimal text edits on the BOM-less file text.
// Value and key-set changes go through `editFields` (which reads its result back); renaming a key
// is the one edit made here by hand, and it is read back the same way before it is offered. A fix
// that cannot be made safely is not offered. Pure: no I/O, no editor API, no clock.
import * as YAML from 'yaml';
import { outlineBody } from './body';
import { applyTextEdits, editFields, pathLabel, type FieldChange, type TextEdit } from './edits';
import { loadYamlCareful, nodeAtPath, splitFile } from './frontmatter';
import { localizable, type Localizable } from './l10n';
import type { Language, ProblemCode } from './messages';
import type { FixId, Problem } from './problems';
import { compareProblems } from './problems';
import { writtenPlaceholders } from './placeholders';
import { knownKeysAt } from './schema';
import { closest } from './text';
import { valueAt } from './paths';
import { teamKeyOf } from './teamAssist';
import type { TeamRules } from './teamSchema';

export interface QuickFix {
  fixId: FixId;
  /** What the fix does, for the face to show in its language. */
  title: Localizable;
  /** Minimal edits on the BOM-less text (apply with `applyTextEdits`). */
  edits: TextEdit[];
  /** The one obvious fix (a did-you-mean): editors apply it on "auto fix". */
  isPreferred?: boolean;
}

export interface FixContext {
  /** When true, enum aliases are the team's choice and no normalisation is offered. */
  keepAliases: boolean;
  /** The next free requirement ID (the caller knows the workspace's IDs). */
  freeId?: () => string | undefined;
  /** `YYYY-MM-DD`, for a missing required date; core has no clock, so without it no date is added. */
  today?: string;
  /** The language of placeholder text written into the file (default English). */
  language?: Language;
  /** The team schema the problems were found with: its keys, statuses and fields are what a fix writes. */
  team?: TeamRules | null;
}

/**
 * Placeholder text the user is meant to replace, in the language the team writes: plain and the
 * same everywhere, so that it is easy to search for (and validation reports it until replaced).
 */
const placeholderText = (ctx: FixContext) => writtenPlaceholders(ctx.language ?? 'en');

type Segment = string | number;

interface Rename {
  /** Path of the misspelt key. */
  path: Segment[];
  to: string;
  edit: TextEdit;
}

interface PlanBase {
  fixId: FixId;
  title: Localizable;
  isPreferred?: boolean;
}

/** A fix before it becomes text: field changes for `editFields`, or hand-made key renames. */
type Plan =
  | (PlanBase & { kind: 'fields'; changes: FieldChange[]; dependency?: DependencyRemoval })
  | (PlanBase & { kind: 'rename'; renames: Rename[] });

/** One entry out of a task's `depends`: several of one task must become one change of its list. */
interface DependencyRemoval {
  index: number;
  entries: readonly string[];
  drop: readonly string[];
}

/** The file read once for all problems of a call. */
interface Source {
  /** As given (with its BOM, if any): `editFields` takes it so. */
  input: string;
  /** Without a BOM: every offset is into this. */
  text: string;
  yamlStart: number;
  bodyStart: number;
  language: string;
  doc: YAML.Document.Parsed;
  value: Record<string, unknown>;
  heading: string | undefined;
}

/** Task IDs handed out within one call, so that "fix all" never gives two tasks the same one. */
interface PlanState {
  taskIds: Set<string>;
  freeId?: string | null;
}

function readSource(input: string): Source | undefined {
  const split = splitFile(input, true);
  const fm = split.frontMatter;
  if (!fm || !fm.closed || (fm.language && fm.language !== 'yaml' && fm.language !== 'yml')) return undefined;
  const loaded = loadYamlCareful(fm.yaml);
  // A file with YAML errors gets those fixed first: editing around them is not safe.
  if (loaded.issues.length > 0) return undefined;
  const value = loaded.value ?? {};
  if (!isMap(value)) return undefined;
  const title = outlineBody(split.text, split.bodyStart).title?.text.trim();
  return {
    input,
    text: split.text,
    yamlStart: fm.yamlStart,
    bodyStart: split.bodyStart,
    language: fm.language,
    doc: loaded.doc,
    value,
    heading: title || undefined,
  };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ── the fixes of one problem ─────────────────────────────────────────────────────────────────

function plansFor(src: Source, p: Problem, ctx: FixContext, state: PlanState): Plan[] {
  const path = p.path;
  switch (p.code) {
    case 'enum-alias': {
      const canonical = p.data?.value;
      const alias = p.args[0];
      // The path comes from the normalised record: only fix what the file really holds there.
      if (ctx.keepAliases || !path || canonical === undefined || alias === undefined || valueAt(src.value, path) !== alias) return [];
      return [field('normalize-alias', localizable('Replace alias {0} with {1}', alias, canonical), path, canonical)];
    }
    case 'enum-unknown': {
      const suggestion = p.data?.value;
      const old = p.args[1];
      if (!path || suggestion === undefined || old === undefined || valueAt(src.value, path) !== old) return [];
      return [field('replace-value', localizable('Replace {0} with {1}', old, suggestion), path, suggestion, true)];
    }
    case 'value-in-other-field': {
      // `type: 非功能需求` → `category: 非功能需求`: the key is renamed where it stands and the
      // user's word kept (it is an alias there). No type is made up in its place: the missing
      // type is a problem of its own.
      const target = p.data?.field;
      const moved = p.data?.value;
      const old = p.args[1];
      if (
        !path ||
        path.length !== 1 ||
        target === undefined ||
        moved === undefined ||
        old === undefined ||
        valueAt(src.value, path) !== old
      )
        return [];
      const title = localizable('Move {0} to {1}', old, target);
      const existing = src.value[target];
      if (existing === undefined) {
        const rename = keyRename(src, path, target);
        return rename ? [{ kind: 'rename', fixId: 'move-value', title, isPreferred: true, renames: [rename] }] : [];
      }
      // Already there with the same meaning: only the misplaced copy goes.
      if (existing !== moved && existing !== old) return [];
      return [{ kind: 'fields', fixId: 'move-value', title, isPreferred: true, changes: [{ path: [...path], value: undefined }] }];
    }
    case 'key-near-miss': {
      const rename = planRename(src, p);
      if (!rename) return [];
      const from = p.args[0]!;
      return [
        {
          kind: 'rename',
          fixId: 'rename-key',
          title: localizable('Rename {0} to {1}', from, rename.to),
          isPreferred: true,
          renames: [rename],
        },
      ];
    }
    case 'priority-mismatch': {
      const derived = p.data?.priority;
      if (derived === undefined || valueAt(src.value, ['priority']) !== p.args[0]) return [];
      // Not preferred: triage may overrule the scores on purpose (priority_reason says why).
      return [field('set-derived-priority', localizable('Set priority to {0} (derived from the scores)', derived), ['priority'], derived)];
    }
    case 'importance-raised-by-demand': {
      // Writes the importance demand gives, so the priority no longer depends on the rule; the
      // file never changes by the rule alone.
      const raised = Number(p.data?.importance);
      if (!Number.isInteger(raised) || valueAt(src.value, ['scores', 'importance']) !== Number(p.args[0])) return [];
      return [
        field('write-raised-importance', localizable('Write importance {0} (raised by demand)', raised), ['scores', 'importance'], raised),
      ];
    }
    case 'required-missing': {
      if (!path || path.length === 0) return [];
      const parent = path.length === 1 ? src.value : valueAt(src.value, path.slice(0, -1));
      const key = path[path.length - 1];
      if (!isMap(parent) || typeof key !== 'string' || hasOwn(parent, key)) return [];
      // A misspelling of the key is there (`titel`): renaming it is the fix, a second key is not.
      const known = knownKeysOf(path.slice(0, -1), ctx.team);
      if (Object.keys(parent).some((k) => !known.includes(k) && closest(k, [key]) === key)) return [];
      const placeholder = requiredPlaceholder(src, path, key, ctx, state);
      if (placeholder === undefined) return [];
      const label = pathLabel(path);
      return [field('add-required-key', localizable('Add {0}: {1}', label, placeholder), path, placeholder)];
    }
    case 'decline-reason-missing':
    case 'outcome-declined-no-reason': {
      const reason = src.value.decline_reason;
      if (typeof reason === 'string' && reason.trim() !== '') return [];
      return [
        field(
          'add-decline-reason',
          localizable('Add decline_reason (a placeholder to fill in)'),
          ['decline_reason'],
          placeholderText(ctx).reason,
        ),
      ];
    }
    case 'closed-without-feedback':
      return addMissingText(src, 'add-no-feedback-reason', 'no_feedback_reason', placeholderText(ctx).noFeedbackReason);
    case 'closed-without-lessons':
      return addMissingText(src, 'add-lessons', 'lessons', placeholderText(ctx).lessons);
    case 'id-duplicate':
    case 'id-duplicate-on-branch': {
      if (valueAt(src.value, ['id']) !== p.args[0]) return [];
      if (state.freeId === undefined) state.freeId = ctx.freeId?.() ?? null;
      const id = state.freeId;
      if (!id || id === p.args[0]) return [];
      return [field('next-free-id', localizable('Change the ID to {0}', id), ['id'], id)];
    }
    case 'task-unknown-dependency':
      return planRemoveDependency(src, p);
    case 'task-late':
      return planLateTask(src, p, ctx);
    default:
      return [];
  }
}

/**
 * A late task is either finished (its status becomes done) or starts again today (its start moves;
 * its working days are kept). The task is found by its id in the file as written, and a task that
 * is scheduled after others (`depends`, no `start`) gets no new start: that would change how it is
 * planned, not when.
 */
function planLateTask(src: Source, p: Problem, ctx: FixContext): Plan[] {
  const taskId = p.args[0];
  const tasks = src.value.tasks;
  if (taskId === undefined || !Array.isArray(tasks)) return [];
  const index = tasks.findIndex((t) => isMap(t) && t.id !== undefined && t.id !== null && String(t.id) === taskId);
  const task: unknown = tasks[index];
  if (index < 0 || !isMap(task)) return [];
  const plans: Plan[] = [field('mark-task-done', localizable('Mark task {0} done', taskId), ['tasks', index, 'status'], 'done')];
  if (ctx.today && typeof task.start === 'string' && task.start !== ctx.today)
    plans.push(
      field('start-task-today', localizable('Start task {0} today ({1})', taskId, ctx.today), ['tasks', index, 'start'], ctx.today),
    );
  return plans;
}

/** A top-level text key with a placeholder, unless the file already holds text there. */
function addMissingText(src: Source, fixId: FixId, key: string, placeholder: string): Plan[] {
  const current = src.value[key];
  if (typeof current === 'string' && current.trim() !== '') return [];
  return [field(fixId, localizable('Add {0} (a placeholder to fill in)', key), [key], placeholder)];
}

function field(fixId: FixId, title: Localizable, path: Segment[], value: FieldChange['value'], isPreferred = false): Plan {
  return { kind: 'fields', fixId, title, ...(isPreferred ? { isPreferred } : {}), changes: [{ path: [...path], value }] };
}

/** The keys a map may have: at the top level under a team schema, the team's names and fields. */
function knownKeysOf(path: Segment[], team: TeamRules | null | undefined): string[] {
  const keys = knownKeysAt(path);
  if (!team || path.length > 0) return keys;
  return [...keys.map((k) => teamKeyOf(team, k)), ...team.fields.keys()];
}

/** A value of the right type for a required key, or undefined when none can be made up. */
function requiredPlaceholder(src: Source, path: Segment[], key: string, ctx: FixContext, state: PlanState): string | undefined {
  const team = ctx.team;
  if (path.length === 1 && team) {
    const field = team.fields.get(key);
    if (field) return teamFieldPlaceholder(field.type, ctx);
    const builtIn = team.rename.get(key) ?? key;
    if (builtIn === 'status' && team.statuses) {
      // The team's first status at the stage a new record starts in, else its first status.
      const statuses = [...team.statuses];
      return (statuses.find(([, s]) => s.stage === 'new') ?? statuses[0])?.[0];
    }
    if (builtIn === 'type') {
      const category = src.value[teamKeyOf(team, 'category')];
      return category === undefined || category === 'functional' || category === '功能需求' ? 'functional' : undefined;
    }
    // Any other key: the built-in one's placeholder (an ID, the heading as the title).
    return requiredPlaceholder(src, [builtIn], builtIn, { ...ctx, team: null }, state);
  }
  if (path.length === 1) {
    switch (key) {
      case 'id':
        if (state.freeId === undefined) state.freeId = ctx.freeId?.() ?? null;
        return state.freeId ?? undefined;
      case 'title':
        return src.heading ?? placeholderText(ctx).todo;
      case 'type':
        // Functional only when nothing says otherwise: a non-functional or business category
        // would make that guess change the record's meaning.
        return src.value.category === undefined || src.value.category === 'functional' || src.value.category === '功能需求'
          ? 'functional'
          : undefined;
      case 'status':
        return 'new';
      default:
        return undefined;
    }
  }
  const list = path[0];
  if (key === 'date') return ctx.today !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(ctx.today) ? ctx.today : undefined;
  if (list === 'tasks' && key === 'id') return freeTaskId(src, state);
  if ((list === 'tasks' && key === 'title') || (list === 'changes' && key === 'request') || (list === 'customer' && key === 'name'))
    return placeholderText(ctx).todo;
  return undefined;
}

/**
 * A required team field's first value: text to replace, or today's date. A number, a list or an
 * enum value would be a guess at the record's meaning, so none is made up.
 */
function teamFieldPlaceholder(type: string, ctx: FixContext): string | undefined {
  if (type === 'string') return placeholderText(ctx).todo;
  if (type === 'date') return ctx.today !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(ctx.today) ? ctx.today : undefined;
  return undefined;
}

/** The highest `T<n>` of the file (and of this call) plus one. */
function freeTaskId(src: Source, state: PlanState): string {
  const tasks = Array.isArray(src.value.tasks) ? src.value.tasks : [];
  const ids = [...tasks.map((t) => (isMap(t) ? t.id : undefined)), ...state.taskIds];
  let highest = 0;
  for (const id of ids) {
    const m = typeof id === 'string' ? /^T(\d+)$/.exec(id) : null;
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  const candidate = `T${highest + 1}`;
  state.taskIds.add(candidate);
  return candidate;
}

/** The bytes of the misspelt key, checked against the problem and the document. */
function planRename(src: Source, p: Problem): Rename | undefined {
  const path = p.path;
  const from = p.args[0];
  const to = p.data?.key ?? p.args[1];
  if (!path || path.length === 0 || from === undefined || to === undefined || from === to) return undefined;
  if (path[path.length - 1] !== from) return undefined;
  const parent = nodeAtPath(src.doc, path.slice(0, -1)).value ?? (path.length === 1 ? src.doc.contents : undefined);
  if (!YAML.isMap(parent)) return undefined;
  const keyOf = (pair: YAML.Pair) => (YAML.isScalar(pair.key) ? String(pair.key.value) : undefined);
  // The right spelling is already there: renaming would make a duplicate key.
  if (parent.items.some((pair) => keyOf(pair) === to)) return undefined;
  const pair = parent.items.find((it) => keyOf(it) === from);
  const key = pair?.key;
  if (!YAML.isScalar(key) || !key.range) return undefined;
  const start = src.yamlStart + key.range[0];
  const end = src.yamlStart + key.range[1];
  // The diagnostic and the document must agree on where the key is (a stale problem is not fixed).
  if (p.range.start !== start || p.range.end > end) return undefined;
  const written = src.text.slice(start, end);
  if (written === from) return { path: [...path], to, edit: { start, end, newText: to } };
  // A quoted key keeps its quotes; only the name inside changes (known keys need no escaping).
  if (written.length === from.length + 2 && /^(["'])[^]*\1$/.test(written) && written.slice(1, -1) === from) {
    return { path: [...path], to, edit: { start: start + 1, end: end - 1, newText: to } };
  }
  return undefined;
}

/** A top-level key renamed where it stands (its value and comments kept), read back before it is offered. */
function keyRename(src: Source, path: Segment[], to: string): Rename | undefined {
  const from = path[0];
  if (path.length !== 1 || typeof from !== 'string' || !YAML.isMap(src.doc.contents)) return undefined;
  const pair = src.doc.contents.items.find((it) => YAML.isScalar(it.key) && String(it.key.value) === from);
  const key = pair?.key;
  if (!YAML.isScalar(key) || !key.range) return undefined;
  const start = src.yamlStart + key.range[0];
  const end = src.yamlStart + key.range[1];
  return src.text.slice(start, end) === from ? { path: [...path], to, edit: { start, end, newText: to } } : undefined;
}

function planRemoveDependency(src: Source, p: Problem): Plan[] {
  const taskId = p.data?.task;
  const dependency = p.data?.dependency;
  if (taskId === undefined || dependency === undefined) return [];
  const tasks = src.value.tasks;
  if (!Array.isArray(tasks)) return [];
  const fromPath = p.path?.[0] === 'tasks' && typeof p.path[1] === 'number' ? p.path[1] : -1;
  const index =
    isMap(tasks[fromPath]) && (tasks[fromPath] as Record<string, unknown>).id === taskId
      ? fromPath
      : tasks.findIndex((t) => isMap(t) && t.id === taskId);
  const task = tasks[index];
  if (!isMap(task)) return [];
  const depends = task.depends;
  let rest: string[];
  if (typeof depends === 'string') {
    if (depends !== dependency) return [];
    rest = [];
  } else if (Array.isArray(depends) && depends.every((d): d is string => typeof d === 'string') && depends.includes(dependency)) {
    // Every copy goes: one left behind would keep the problem.
    rest = depends.filter((d) => d !== dependency);
  } else return [];
  return [
    {
      kind: 'fields',
      fixId: 'remove-dependency',
      title: localizable('Remove {0} from the dependencies of {1}', dependency, taskId),
      changes: [dependsChange(index, rest)],
      dependency: { index, entries: typeof depends === 'string' ? [depends] : depends, drop: [dependency] },
    },
  ];
}

/** Without entries the key goes; a task then left with neither start nor depends is reported as such. */
function dependsChange(index: number, rest: string[]): FieldChange {
  return { path: ['tasks', index, 'depends'], value: rest.length > 0 ? rest : undefined };
}

/** Removals from the same task's list merged into one change (two changes of one field would clash). */
function mergeDependencyRemovals(plans: readonly Plan[]): Plan[] {
  const byTask = new Map<number, Plan & { kind: 'fields'; dependency: DependencyRemoval }>();
  const out: Plan[] = [];
  for (const plan of plans) {
    const removal = plan.kind === 'fields' ? plan.dependency : undefined;
    const first = removal && byTask.get(removal.index);
    if (plan.kind !== 'fields' || !removal) out.push(plan);
    else if (!first) {
      const copy = { ...plan, dependency: removal };
      byTask.set(removal.index, copy);
      out.push(copy);
    } else {
      const drop = [...first.dependency.drop, ...removal.drop];
      first.dependency = { ...removal, drop };
      first.changes = [
        dependsChange(
          removal.index,
          removal.entries.filter((d) => !drop.includes(d)),
        ),
      ];
    }
  }
  return out;
}

// ── plans to edits ──────────────────────────────────────────────────────────────────────────

/** The edits of several plans of one kind at once, or undefined when they cannot be made safely together. */
function realize(src: Source, plans: readonly Plan[]): TextEdit[] | undefined {
  if (plans.length === 0) return [];
  const changes = plans.flatMap((p) => (p.kind === 'fields' ? p.changes : []));
  const renames = plans.flatMap((p) => (p.kind === 'rename' ? p.renames : []));
  if (changes.length > 0 && renames.length > 0) return undefined;
  if (changes.length > 0) {
    const result = editFields(src.input, changes);
    return result.ok ? result.edits : undefined;
  }
  return realizeRenames(src, renames);
}

function realizeRenames(src: Source, renames: readonly Rename[]): TextEdit[] | undefined {
  const edits = [...renames.map((r) => r.edit)].sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.start < edits[i - 1]!.end) return undefined;
  // Read back: same front-matter and body, no YAML error, and the data equal to the old data with
  // each value under its new key at the same place.
  let after: string;
  try {
    after = applyTextEdits(src.text, edits);
  } catch {
    return undefined;
  }
  const split = splitFile(after, true);
  const fm = split.frontMatter;
  if (!fm || !fm.closed || fm.language !== src.language) return undefined;
  if (split.text.slice(split.bodyStart) !== src.text.slice(src.bodyStart)) return undefined;
  const loaded = loadYamlCareful(fm.yaml);
  if (loaded.issues.length > 0) return undefined;
  let expected: unknown = src.value;
  // Deepest first, so that a renamed parent does not hide the path of a child rename.
  for (const r of [...renames].sort((a, b) => b.path.length - a.path.length)) {
    const next = renameAt(expected, r.path, r.to);
    if (next === undefined) return undefined;
    expected = next;
  }
  return sameData(loaded.value ?? {}, expected) ? edits : undefined;
}

/** A copy of `root` with the key at `path` renamed in place (key order kept). */
function renameAt(root: unknown, path: readonly Segment[], to: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  if (rest.length === 0) {
    if (!isMap(root) || !hasOwn(root, String(head)) || hasOwn(root, to)) return undefined;
    return Object.fromEntries(Object.entries(root).map(([k, v]) => [k === String(head) ? to : k, v]));
  }
  if (Array.isArray(root) && typeof head === 'number' && head < root.length) {
    const child = renameAt(root[head], rest, to);
    return child === undefined ? undefined : root.map((v, i) => (i === head ? child : v));
  }
  if (isMap(root) && hasOwn(root, String(head))) {
    const child = renameAt(root[String(head)], rest, to);
    return child === undefined ? undefined : { ...root, [String(head)]: child };
  }
  return undefined;
}

/** Deep equality that also compares key order: a rename must leave every key where it was. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

// ── entry points ────────────────────────────────────────────────────────────────────────────

/** The quick fixes of one problem on `text` (with or without its BOM). Never throws. */
export function fixesFor(text: string, problem: Problem, ctx: FixContext): QuickFix[] {
  if (problem.fixes.length === 0) return [];
  try {
    const src = readSource(text);
    if (!src) return [];
    const out: QuickFix[] = [];
    for (const plan of plansFor(src, problem, ctx, { taskIds: new Set() })) {
      if (!problem.fixes.includes(plan.fixId)) continue;
      const edits = realize(src, [plan]);
      if (!edits || edits.length === 0) continue;
      out.push({ fixId: plan.fixId, title: plan.title, edits, ...(plan.isPreferred ? { isPreferred: true } : {}) });
    }
    return out;
  } catch {
    // A fix is a convenience: anything unexpected means no fix, never a broken editor action.
    return [];
  }
}

/**
 * "Fix all of this kind in the file": each problem's preferred (else first) fix, computed on the
 * original text and made as one non-overlapping set of edits. A fix that cannot be combined with
 * the ones before it is left out. Empty when none apply.
 */
export function fixAllOfKind(text: string, problems: readonly Problem[], code: ProblemCode, ctx: FixContext): TextEdit[] {
  try {
    const src = readSource(text);
    if (!src) return [];
    const state: PlanState = { taskIds: new Set() };
    let plans: Plan[] = [];
    for (const problem of [...problems].filter((p) => p.code === code).sort(compareProblems)) {
      const offered = plansFor(src, problem, ctx, state).filter((p) => problem.fixes.includes(p.fixId));
      const chosen = offered.find((p) => p.isPreferred) ?? offered[0];
      if (chosen) plans.push(chosen);
    }
    if (plans.length === 0) return [];
    plans = mergeDependencyRemovals(plans);
    const together = realize(src, plans);
    if (together) return together;
    // Some fixes clash (the same field twice, two keys renamed to one): keep each that still fits.
    const kept: Plan[] = [];
    for (const plan of plans) if (realize(src, [...kept, plan])) kept.push(plan);
    return realize(src, kept) ?? [];
  } catch {
    return [];
  }
}

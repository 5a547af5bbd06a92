// The commands of a task node: open the file at the task, mark it done, give it a new start. From
// the tree's context menu (the clicked task, or every selected one), or with arguments
// `{ file, task }` from a keybinding or a script. Every change is a minimal edit of the task's own
// field through applyFieldChanges: one undo, nothing else in the file moves.
import * as vscode from 'vscode';
import { rawTaskIndex } from '../core/taskPosition';
import { applyComputedEditsOrReport } from '../workspace/applyEdits';
import { editFields, type EditResult, type FieldValue } from '../core/edits';
import { localToday } from '../workspace/localToday';
import { openTaskLine } from '../webviews/timelinePanel';
import { localizable } from '../core/l10n';
import { TaskNode } from './nodes';
import { l10n } from '../workspace/uiText';

/** A task named by its record file (URI string) and its id, as a node or as arguments give it. */
export interface TaskRef {
  file: string;
  task: string;
  /** Reschedule: the new start (`YYYY-MM-DD`) instead of asking. */
  start?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isTaskRef(value: unknown): value is TaskRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TaskRef).file === 'string' &&
    typeof (value as TaskRef).task === 'string'
  );
}

/** The tasks a command acts on: the selection when the clicked node is in it, else the clicked node or the arguments. */
function taskRefs(a: unknown, b: unknown): TaskRef[] {
  const fromNode = (n: unknown): TaskRef | undefined =>
    n instanceof TaskNode ? { file: n.parent.summary.file, task: n.task.id } : isTaskRef(n) ? n : undefined;
  const selected = Array.isArray(b) ? b.map(fromNode).filter((r): r is TaskRef => r !== undefined) : [];
  if (selected.length > 1) return selected;
  const one = fromNode(a);
  return one ? [one] : [];
}

/** Sets one field of a task, found by its id in the document's current text. */
function setTaskField(task: string, field: string, value: FieldValue): (text: string) => EditResult {
  return (text) => {
    const at = rawTaskIndex(text, task);
    if (at === undefined) return { ok: false, code: 'path-conflict', text: localizable('Task {0} is not in this file any more.', task) };
    return editFields(text, [{ path: ['tasks', at, field], value }]);
  };
}

export function registerTaskCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('reqdesk.openTask', async (a: unknown) => {
      const [ref] = taskRefs(a, undefined);
      if (ref) await openTaskLine(ref.file, ref.task);
    }),
    vscode.commands.registerCommand('reqdesk.markTaskDone', async (a: unknown, b: unknown) => {
      const refs = taskRefs(a, b);
      if (!refs.length) return false;
      return applyComputedEditsOrReport(
        refs.map((r) => ({ file: r.file, compute: setTaskField(r.task, 'status', 'done') })),
        l10n.t('Mark task done'),
      );
    }),
    vscode.commands.registerCommand('reqdesk.rescheduleTask', async (a: unknown) => {
      const [ref] = taskRefs(a, undefined);
      if (!ref) return false;
      const current = a instanceof TaskNode ? a.task.start : undefined;
      const start =
        ref.start ??
        (await vscode.window.showInputBox({
          title: l10n.t('New start of task {0}', ref.task),
          prompt: l10n.t("A date (YYYY-MM-DD); the end follows from the task's working days."),
          value: current ?? localToday(),
          validateInput: (v) => (ISO_DATE.test(v.trim()) ? undefined : l10n.t('Write a date as YYYY-MM-DD.')),
        }));
      if (start === undefined || !ISO_DATE.test(start.trim())) return false;
      return applyComputedEditsOrReport(
        [{ file: ref.file, compute: setTaskField(ref.task, 'start', start.trim()) }],
        l10n.t('Reschedule task'),
      );
    }),
  ];
}

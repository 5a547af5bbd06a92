// The response and feedback commands, the daily late-task reminder, and the day watcher that
// re-checks today's rules (late tasks, the 24-hour feedback rule) when the date changes.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import type { TreeCommands } from '../tree/treeCommands';
import { localToday } from '../workspace/localToday';
import { LateTaskReminder } from './lateTaskReminder';
import { RespondCommands } from './respondCommands';

/** How often the date is looked at (a window left open overnight sees the new day within this). */
const DAY_CHECK_MS = 10 * 60_000;

/**
 * How long after the first index build the day's reminder waits: a window that has just opened is
 * busy (restoring editors, the user finding their place), and a warning then reads as an alarm
 * about the workspace rather than a note about today's work.
 */
const SETTLE_MS = 2 * 60_000;

export interface RespondApi {
  readonly commands: RespondCommands;
  readonly reminder: LateTaskReminder;
}

export interface RespondContext {
  context: vscode.ExtensionContext;
  index(): RequirementIndex | undefined;
  triage: TreeCommands;
  /** Resolves after the first index build. */
  firstBuild: Promise<void>;
  /** Called when the date changes: the tree and the Problems panel re-check today's rules. */
  onNewDay(): void;
}

export function registerRespond(ctx: RespondContext): { api: RespondApi; disposables: vscode.Disposable[] } {
  const commands = new RespondCommands(() => ctx.index()!, ctx.triage);
  const reminder = new LateTaskReminder(() => ctx.index(), ctx.context.workspaceState);
  let day = localToday();
  let settle: ReturnType<typeof setTimeout> | undefined;
  void ctx.firstBuild
    .then(() => {
      settle = setTimeout(() => void reminder.check(localToday()).catch(() => undefined), SETTLE_MS);
    })
    .catch(() => undefined);
  const timer = setInterval(() => {
    const today = localToday();
    if (today === day) return;
    day = today;
    ctx.onNewDay();
    void reminder.check(today);
  }, DAY_CHECK_MS);
  const stop = () => {
    clearInterval(timer);
    clearTimeout(settle);
  };
  return { api: { commands, reminder }, disposables: [...commands.register(), { dispose: stop }] };
}

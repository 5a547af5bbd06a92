// Once a day, a notification lists the late tasks of the workspace, with buttons to the timeline
// and to the first late requirement. Not while the window opens: the first check of a session
// waits until the window has settled (see registerRespond). The last day shown is kept in the
// workspace state, so a window reload does not repeat it; `reqdesk.notifications.lateTasks: false`
// turns it off. IDs and dates do not wrap at their hyphens.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import { noBreakAtHyphens } from '../core/noBreak';
import { lateTasks, type LateTask } from '../core/timely';
import { localToday } from '../workspace/localToday';
import { l10n } from '../workspace/uiText';

const LAST_SHOWN = 'reqdesk.lateTasks.lastShown';
/** How many tasks the notification names before "and N more". */
const LISTED = 4;

export class LateTaskReminder {
  constructor(
    private readonly index: () => RequirementIndex | undefined,
    private readonly state: vscode.Memento,
  ) {}

  /** The late tasks at a date, by end date. */
  lateAt(today: string): LateTask[] {
    const index = this.index();
    if (!index) return [];
    return lateTasks(index.all(), today, index.timelyOfData);
  }

  /**
   * Shows the day's notification unless it was shown that day, is turned off, or nothing is late.
   * Returns the tasks it listed (undefined when it showed nothing).
   */
  async check(today = localToday()): Promise<LateTask[] | undefined> {
    if (!vscode.workspace.getConfiguration('reqdesk').get<boolean>('notifications.lateTasks', true)) return undefined;
    if (this.state.get<string>(LAST_SHOWN) === today) return undefined;
    const late = this.lateAt(today);
    if (late.length === 0) return undefined;
    await this.state.update(LAST_SHOWN, today);
    const names = late
      .slice(0, LISTED)
      .map((t) =>
        l10n.t(
          '{0} {1} (due {2})',
          t.id ? noBreakAtHyphens(t.id) : vscode.workspace.asRelativePath(vscode.Uri.parse(t.file), false),
          t.task,
          noBreakAtHyphens(t.end),
        ),
      );
    const more = late.length > LISTED ? ` ${l10n.t('and {0} more', late.length - LISTED)}` : '';
    const message =
      late.length === 1
        ? l10n.t('ReqDesk: 1 late task: {0}', names[0]!)
        : l10n.t('ReqDesk: {0} late tasks: {1}', late.length, names.join(', ') + more);
    const timeline = l10n.t('Show Timeline');
    const first = late[0]!;
    const open = l10n.t('Open {0}', first.id ? noBreakAtHyphens(first.id) : first.task);
    void vscode.window.showWarningMessage(message, timeline, open).then((choice) => {
      if (choice === timeline) void vscode.commands.executeCommand('reqdesk.showTimeline');
      else if (choice === open) void vscode.commands.executeCommand('reqdesk.open', { file: first.file });
    });
    return late;
  }
}

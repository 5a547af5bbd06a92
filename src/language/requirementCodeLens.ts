// At the top of a requirement file: its effective priority, tasks done/total and late ones, with
// the actions that exist for it today; its commits, and its mentions in code and tests.
import * as vscode from 'vscode';
import type { RequirementIndex } from '../core/index';
import { summarize } from '../core/tree';
import { localToday } from '../workspace/localToday';
import type { CodeRefService } from '../scm/codeRefService';
import type { CommitService } from '../scm/commitService';
import { l10n } from '../workspace/uiText';

export class RequirementCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly index: () => RequirementIndex,
    private readonly isRequirement: (uri: vscode.Uri) => boolean,
    private readonly commits: CommitService,
    private readonly codeRefs?: CodeRefService,
  ) {}

  /** The index changed: lenses show fresh figures. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.isRequirement(document.uri)) return [];
    const index = this.index();
    const record = index.get(document.uri.toString());
    if (!record) return [];
    const s = summarize(record, { workdays: index.settings.workdays, holidays: index.settings.holidays }, localToday());
    const top = new vscode.Range(0, 0, 0, 0);
    const file = document.uri.toString();
    const figures = [
      s.priority ? `${s.priority}${s.priorityMismatch ? ' ⚠' : ''}` : l10n.t('no priority'),
      s.taskCount ? l10n.t('{0}/{1} tasks done', s.tasksDone, s.taskCount) : undefined,
      s.lateTasks ? l10n.t('{0} late', s.lateTasks) : undefined,
    ].filter(Boolean);
    const lenses = [
      new vscode.CodeLens(top, {
        title: `$(flame) ${figures.join(' · ')}`,
        command: 'reqdesk.setPriority',
        arguments: [{ file }],
        tooltip: l10n.t('Set priority'),
      }),
      new vscode.CodeLens(top, { title: l10n.t('Score'), command: 'reqdesk.score', arguments: [{ file }] }),
      new vscode.CodeLens(top, { title: l10n.t('Show in matrix'), command: 'reqdesk.showMatrix', arguments: [{ file }] }),
      new vscode.CodeLens(top, { title: l10n.t('Show in timeline'), command: 'reqdesk.showTimeline', arguments: [{ file }] }),
      new vscode.CodeLens(top, { title: l10n.t('Reveal in tree'), command: 'reqdesk.revealActive' }),
    ];
    if (this.commits.ready && s.id) {
      const count = this.commits.countOf(s.id);
      const finished = s.status === 'delivered' || s.status === 'verified';
      const title =
        count === 0
          ? `$(git-commit) ${l10n.t('no commit')}${finished ? ' ⚠' : ''}`
          : `$(git-commit) ${count === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', count)}${s.status === 'new' ? ' ⚠' : ''}`;
      const tooltip =
        count === 0 && finished
          ? l10n.t('delivered, but no commit mentions it')
          : count > 0 && s.status === 'new'
            ? l10n.t('work has started, but the status is still new')
            : l10n.t('Commits that mention {0}', s.id);
      lenses.splice(
        1,
        0,
        new vscode.CodeLens(
          top,
          count > 0 ? { title, tooltip, command: 'reqdesk.showCommits', arguments: [{ id: s.id }] } : { title, tooltip, command: '' },
        ),
      );
    }
    const counts = s.id ? this.codeRefs?.countsOf(s.id) : undefined;
    if (counts) {
      // Right after the commits (or the priority): how far the requirement reaches into the code.
      const untested = counts.tests === 0 && (s.status === 'delivered' || s.status === 'verified');
      const at = lenses.findIndex((l) => l.command?.title.startsWith('$(git-commit)')) + 1 || 1;
      lenses.splice(
        at,
        0,
        new vscode.CodeLens(top, {
          title: `$(code) ${l10n.t('{0} in code, {1} in tests', counts.code, counts.tests)}${untested ? ' ⚠' : ''}`,
          tooltip: untested
            ? l10n.t('{0} is {1} but no test mentions it', s.id!, s.status!)
            : l10n.t('Implemented in and Tested by, in the tree'),
          command: 'reqdesk.revealActive',
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

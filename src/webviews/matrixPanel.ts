// The importance × urgency matrix panel: the host computes the model in core, sends it once when
// the webview is ready and then only the cards that changed, with what the webview shows around
// them (the region of each cell, the cards the filter hides, the filter's options); drags come back
// as intents and become minimal edits of the scores, so the card moves when the index sees the file
// change.
import * as vscode from 'vscode';
import type { IndexChange, RequirementIndex } from '../core/index';
import {
  hiddenCards,
  matrixCard,
  priorityDiffers,
  matrixCells,
  matrixChoices,
  matrixModel,
  matrixRegions,
  unscoredOrder,
  type MatrixCard,
} from '../core/matrix';
import { DEFAULT_RANKING, rankingRule, type RankCriterion } from '../core/ranking';
import { TEAM_SCHEMA_FILE } from '../core/teamSchema';
import { missingMatrixFields, type MissingFields } from '../core/viewFields';
import type { MissingFieldsText } from '../protocol/common';
import type { Filter } from '../protocol/filterBar';
import { fromMatrixSchema, type FromMatrix, type ToMatrix } from '../protocol/matrix';
import { applyFieldChangesOrReport } from '../workspace/applyEdits';
import { filterBarFor } from './filterBar';
import { IndexPanel } from './indexPanel';
import { l10n, uiLanguage } from '../workspace/uiText';
import { CUSTOMER_TIERS } from '../core/schema';
import { valueName } from '../core/valueLabel';

export const MATRIX_VIEW_TYPE = 'reqdesk.matrix';

function strings(ranking: readonly RankCriterion[]): Record<string, string> {
  return {
    importance: l10n.t('Importance'),
    urgency: l10n.t('Urgency'),
    byScores: l10n.t('Placed by scores:'),
    byScoresHelp: l10n.t(
      'Counted by the cell the scores give. The Requirements view groups by priority: the stored one, else the one the scores give.',
    ),
    differs: l10n.t('Stored priority differs from the cell: {0}'),
    markDiffers: l10n.t('Mark them'),
    unmarkDiffers: l10n.t('Unmark'),
    differsBadge: l10n.t('Stored priority {0}; the cell gives {1}'),
    shading: l10n.t('Cell shading:'),
    region: l10n.t('{0} region'),
    typeColours: l10n.t('Type colours:'),
    unscored: l10n.t('Unscored'),
    unscoredHint: l10n.t('Drag a card into the matrix to score it.'),
    unscoredOrder: rankingRule(ranking, uiLanguage()),
    cardHelp: l10n.t('Enter opens the requirement; Alt+arrow keys move it to another cell.'),
    problems: l10n.t('has problems'),
    askedBy: l10n.t('Customers who asked: {0}'),
    demandTiers: l10n.t({ message: '{0} ({1})', comment: 'customers who asked, then how many of each tier' }),
    tierSeparator: l10n.t({ message: ', ', comment: 'between the tiers of the customers who asked' }),
    tierKey: valueName('key', CUSTOMER_TIERS.key, uiLanguage()),
    tierExisting: valueName('existing', CUSTOMER_TIERS.existing, uiLanguage()),
    tierNew: valueName('new', CUSTOMER_TIERS.new, uiLanguage()),
    raisedByDemand: l10n.t('raised by demand'),
  };
}

/** What to say instead of the grid when no card can be placed (a team's records without scores). */
function missingText(missing: MissingFields | undefined): { missing?: MissingFieldsText } {
  if (!missing) return {};
  return {
    missing: {
      title: l10n.t('No requirement has the scores the matrix places cards by.'),
      fields: missing.fields,
      hint: l10n.t(
        'Add them to the records (1 to 5 each), or, when the team keeps them under a key of its own, map that key to "{0}" in the "rename" of {1}.',
        missing.renameTo,
        TEAM_SCHEMA_FILE,
      ),
    },
  };
}

export class MatrixPanel extends IndexPanel<ToMatrix, FromMatrix> {
  private cards = new Map<string, MatrixCard>();
  /** The cards lag the index: changes while no panel was open are applied when one opens. */
  private stale = true;
  private filter: Filter = {};
  /** The unscored list's order as last sent: a change of MoSCoW, Kano or ROI reorders it without changing a card. */
  private sentUnscored = '';

  constructor(extensionUri: vscode.Uri, output: vscode.LogOutputChannel) {
    super({
      viewType: MATRIX_VIEW_TYPE,
      title: l10n.t('Importance × Urgency Matrix'),
      bundle: 'matrix',
      inbound: fromMatrixSchema,
      output,
      extensionUri,
    });
  }

  protected onNewIndex(_index: RequirementIndex): void {
    this.stale = true;
  }

  /** The cards of the current index: recomputed once after changes that came while no panel was open. */
  private currentCards(): Map<string, MatrixCard> {
    if (this.stale && this.index) {
      this.cards = new Map(matrixModel(this.index.all(), this.index.settings.priorityThreshold).cards.map((c) => [c.file, c]));
      this.stale = false;
    }
    return this.cards;
  }

  private get threshold(): number {
    return this.index?.settings.priorityThreshold ?? 4;
  }

  private get ranking(): readonly RankCriterion[] {
    return this.index?.settings.ranking ?? DEFAULT_RANKING;
  }

  /** The files of the unscored cards in ranked order. */
  private unscored(): string[] {
    return unscoredOrder(this.currentCards().values(), (file) => this.index?.get(file)?.data, this.ranking);
  }

  /**
   * What surrounds the cards: the regions, their counts, the filter's options and what it hides, and
   * under a team schema what no card has when none can be placed.
   */
  private view(unscored = this.unscored()) {
    const cards = [...this.currentCards().values()];
    this.sentUnscored = unscored.join('\n');
    return {
      cells: matrixCells(this.threshold),
      regions: matrixRegions(cards, this.threshold),
      filters: filterBarFor(matrixChoices(cards), this.index?.team),
      hidden: hiddenCards(cards, this.filter),
      differs: priorityDiffers(cards, this.threshold),
      unscored,
      ...missingText(missingMatrixFields(cards, this.index?.team)),
    };
  }

  protected onIndexChange(change: IndexChange): void {
    if (!this.index) return;
    // A closed panel costs nothing per change (a build of 50,000 records is one change).
    if (!this.panel || this.stale) {
      this.stale = true;
      if (this.panel) this.post({ type: 'cards', upserted: [...this.currentCards().values()], removed: [], ...this.view() });
      return;
    }
    const upserted: MatrixCard[] = [];
    const removed: string[] = [...change.removed];
    for (const file of change.removed) this.cards.delete(file);
    for (const file of change.changed) {
      const record = this.index.get(file);
      if (!record || record.skipped) {
        if (this.cards.delete(file)) removed.push(file);
        continue;
      }
      const card = matrixCard(record);
      const before = this.cards.get(file);
      this.cards.set(file, card);
      if (!before || JSON.stringify(before) !== JSON.stringify(card)) upserted.push(card);
    }
    // Only the unscored cards' order is looked at when no card changed: a MoSCoW or Kano edit
    // reorders the list without changing what a card shows.
    const unscored = this.unscored();
    if (upserted.length || removed.length || unscored.join('\n') !== this.sentUnscored) {
      this.post({ type: 'cards', upserted, removed, ...this.view(unscored) });
    }
  }

  protected onReady(): void {
    this.post({
      type: 'init',
      strings: strings(this.ranking),
      cards: [...this.currentCards().values()],
      filter: this.filter,
      ...this.view(),
      ...this.focusField(),
    });
  }

  protected async handle(message: FromMatrix): Promise<void> {
    switch (message.type) {
      case 'open':
        if (this.currentCards().has(message.file)) await vscode.commands.executeCommand('reqdesk.open', { file: message.file });
        return;
      case 'filter':
        this.filter = message.filter;
        this.post({ type: 'cards', upserted: [], removed: [], ...this.view() });
        return;
      case 'moveCard': {
        const card = this.currentCards().get(message.file);
        if (!card) return;
        if (card.importance === message.importance && card.urgency === message.urgency) return;
        await applyFieldChangesOrReport(
          [
            {
              file: message.file,
              changes: [
                { path: ['scores', 'importance'], value: message.importance },
                { path: ['scores', 'urgency'], value: message.urgency },
              ],
            },
          ],
          l10n.t('Move in the matrix'),
        );
        return;
      }
      case 'ready':
        return;
    }
  }
}

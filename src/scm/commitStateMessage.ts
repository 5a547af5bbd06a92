import type { CommitLinkState } from './commitService';
import { l10n } from '../workspace/uiText';

/** What the Requirements view says above the tree when commits cannot be linked. */
export function commitStateMessage(state: CommitLinkState): string | undefined {
  switch (state.kind) {
    case 'untrusted':
      return l10n.t('Restricted Mode: commits are not linked, because ReqDesk runs no git in an untrusted workspace.');
    case 'git-missing':
      return l10n.t('Git could not be run ("{0}"): commits are not linked.', state.git);
    case 'ready':
      return state.shallow ? l10n.t('Shallow clone: commits older than its history are not linked.') : undefined;
    default:
      return undefined;
  }
}

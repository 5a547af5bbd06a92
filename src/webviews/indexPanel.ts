// What the matrix and the timeline panels share: each shows the requirements of the current index,
// follows it through rebuilds and changes, and can be opened on one requirement, which the webview
// highlights.
import type { IndexChange, RequirementIndex } from '../core/index';
import type { FocusMessage } from '../protocol/common';
import type { IndexHost } from '../workspace/indexHost';
import { WebviewHost } from './webviewHost';

export abstract class IndexPanel<ToView, FromView extends { type: string }> extends WebviewHost<ToView | FocusMessage, FromView> {
  protected index: RequirementIndex | undefined;
  /** The requirement to highlight when the webview (re)loads. */
  protected focus: string | undefined;

  /** Follows the current index through rebuilds. */
  follow(host: IndexHost): void {
    this.own(host.follow({ replaced: (index) => this.setIndex(index), changed: (change) => this.onIndexChange(change) }));
  }

  /** Follows a (new) index: the panel shows its records and their changes. */
  setIndex(index: RequirementIndex): void {
    this.index = index;
    this.onNewIndex(index);
    if (this.panel) this.onReady();
  }

  /** Opens the panel, optionally with one requirement highlighted. */
  reveal(file?: string): void {
    this.focus = file;
    this.show();
    if (file) this.post({ type: 'focus', file });
  }

  /** The `focus` field of an init message: present only when there is a requirement to highlight. */
  protected focusField(): { focus?: string } {
    return this.focus ? { focus: this.focus } : {};
  }

  /** A new index replaced the old one: recompute what the panel shows (before the webview is told). */
  protected abstract onNewIndex(index: RequirementIndex): void;
  /** Records of the current index changed. */
  protected abstract onIndexChange(change: IndexChange): void;
}

// The one current index. A rebuild (settings or folders changed) replaces the index object; the
// host stays, and so do its subscriptions: a view follows the host once and is told of each new
// index and of every change of whichever index is current.
import type { IndexChange, RequirementIndex } from '../core/index';

export interface IndexFollower {
  /** A new index, before it is built (its records arrive as changes). */
  replaced?(index: RequirementIndex): void;
  /** A change of the current index. */
  changed?(change: IndexChange): void;
}

export class IndexHost {
  private currentIndex: RequirementIndex | undefined;
  private subscription: { dispose(): void } | undefined;
  private readonly followers = new Set<IndexFollower>();

  /** The current index; undefined only before the engine has created the first one. */
  get current(): RequirementIndex | undefined {
    return this.currentIndex;
  }

  /** The current index, for callers that run once the engine has started. */
  readonly index = (): RequirementIndex => this.currentIndex!;

  /** Makes `index` the current one: followers are told, in the order they followed. */
  replace(index: RequirementIndex): void {
    this.subscription?.dispose();
    this.currentIndex = index;
    this.subscription = index.onDidChange((change) => {
      for (const f of [...this.followers]) f.changed?.(change);
    });
    for (const f of [...this.followers]) f.replaced?.(index);
  }

  /** Follows every index from now on; the current one, if any, is handed over at once. */
  follow(follower: IndexFollower): { dispose(): void } {
    this.followers.add(follower);
    if (this.currentIndex) follower.replaced?.(this.currentIndex);
    return { dispose: () => this.followers.delete(follower) };
  }

  dispose(): void {
    this.subscription?.dispose();
    this.followers.clear();
  }
}

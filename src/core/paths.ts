/** The value at a YAML path in plain parsed data (numbers index lists), or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

type Segment = string | number;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Indexes of the paths that end here, in the order they were added. */
  ends: number[];
  /** The smallest index of a path that ends strictly below this node. */
  minBelow: number;
}

const trieNode = (): TrieNode => ({ children: new Map(), ends: [], minBelow: Infinity });

/**
 * A set of YAML paths for "is one a prefix of the other" questions, answered in time proportional
 * to the length of the path asked about (not to the number of paths). Segments compare as text,
 * so `tasks[0]` and `tasks.0` are the same path.
 */
export class PathTrie {
  private readonly root = trieNode();

  constructor(paths: ReadonlyArray<readonly Segment[]>) {
    paths.forEach((path, index) => {
      let node = this.root;
      for (const segment of path) {
        node.minBelow = Math.min(node.minBelow, index);
        const key = String(segment);
        let child = node.children.get(key);
        if (!child) node.children.set(key, (child = trieNode()));
        node = child;
      }
      node.ends.push(index);
    });
  }

  private find(path: readonly Segment[]): TrieNode | undefined {
    let node: TrieNode | undefined = this.root;
    for (const segment of path) {
      node = node.children.get(String(segment));
      if (!node) return undefined;
    }
    return node;
  }

  /** Whether a path of the set equals `path`, is a prefix of it, or extends it. */
  overlaps(path: readonly Segment[]): boolean {
    let node: TrieNode | undefined = this.root;
    if (node.ends.length > 0) return true;
    for (const segment of path) {
      node = node.children.get(String(segment));
      if (!node) return false;
      if (node.ends.length > 0) return true;
    }
    return node.children.size > 0;
  }

  /**
   * The smallest index of a path of the set that extends `path` or, when later than `index`,
   * equals it; -1 if none. (`path` is the set's path number `index`.)
   */
  firstAfterOrBelow(path: readonly Segment[], index: number): number {
    const node = this.find(path);
    if (!node) return -1;
    let best = node.minBelow;
    for (const e of node.ends) {
      if (e > index) {
        best = Math.min(best, e);
        break;
      }
    }
    return best === Infinity ? -1 : best;
  }
}

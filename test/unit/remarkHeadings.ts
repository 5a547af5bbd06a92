// The reference for the heading scanner: top-level headings as remark (mdast) gives them. Only
// tests run remark; validation never does.
import { remark } from 'remark';
import type { Heading } from '../../src/core/body';

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** A node read as text: text, inline code and raw HTML by their value, the rest by their children. */
function plainText(node: MdNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(plainText).join('');
}

const processor = remark();

/** Top-level headings of `text[from, to)` by remark: depth, text (trimmed), and the first line. */
export function remarkHeadings(text: string, from: number, to: number = text.length): Heading[] {
  const tree = processor.parse(text.slice(from, to)) as MdNode;
  const headings: Heading[] = [];
  for (const node of tree.children ?? []) {
    if (node.type !== 'heading' || !node.position) continue;
    const start = from + (node.position.start.offset ?? 0);
    let end = from + (node.position.end.offset ?? 0);
    // Setext headings end after their underline: keep the range on the first line.
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        end = i;
        break;
      }
    }
    headings.push({ depth: node.depth ?? 1, text: plainText(node).trim(), range: { start, end } });
  }
  return headings;
}

// Counts the branch each generated case of a property test took. A property whose cases all end
// in an early `return` passes whatever the code does; with a tally the test asserts that its check
// really ran on a fair share of cases, and logs the share so a reader sees what was exercised.
import assert from 'node:assert/strict';

export class CaseTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly name: string) {}

  /** Records one case under a label ("accepted", "refused: not-a-block-list", …). */
  count(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  /** Cases whose label is `label` or starts with `label: `. */
  of(label: string): number {
    let n = 0;
    for (const [l, c] of this.counts) if (l === label || l.startsWith(`${label}: `)) n += c;
    return n;
  }

  /** Fails unless at least `minShare` (0–1) of the cases carry `label`. */
  atLeast(label: string, minShare: number): void {
    assert.ok(this.total > 0, `${this.name}: no case ran`);
    assert.ok(
      this.of(label) >= minShare * this.total,
      `${this.name}: only ${this.of(label)} of ${this.total} cases were "${label}" (${this.summary()})`,
    );
  }

  summary(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([l, c]) => `${l} ${c}`)
      .join(', ');
  }

  /** Logs e.g. "matrix protocol: accepted 412 of 1000 (accepted 412, rejected: bad score 120, …)". */
  log(headline: string): void {
    console.log(`      ${this.name}: ${this.of(headline)} of ${this.total} ${headline} (${this.summary()})`);
  }
}

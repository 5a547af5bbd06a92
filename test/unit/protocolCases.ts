// What the property tests of the webview protocols share: generated messages (the intents the
// webview sends, the same with keys the schema does not know, and near misses the host must
// refuse), and the property that the host accepts exactly the valid ones.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as z from 'zod';
import { FILTER_KEYS } from '../../src/protocol/filterBar';
import { CaseTally } from './caseTally';

export type Message = Record<string, unknown>;
/** A generated message and whether the protocol must accept it (known by construction). */
export interface Labelled {
  value: unknown;
  valid: boolean;
  why: string;
}

/** The keys each intent requires, by its type. */
export type RequiredKeys = Record<string, string[]>;

export const spoil = (why: string, value: unknown): Labelled => ({ value, valid: false, why });

/** The message minus keys the schema does not know (zod drops them), in the filter too. */
export function canonical(value: unknown, required: RequiredKeys): Message {
  const m = value as Message;
  const keep = required[String(m.type)]!;
  const out = Object.fromEntries(Object.entries(m).filter(([k]) => keep.includes(k)));
  if (m.type === 'filter')
    out.filter = Object.fromEntries(Object.entries(m.filter as Message).filter(([k]) => (FILTER_KEYS as readonly string[]).includes(k)));
  return out;
}

/** The three ways to spoil any intent: another type, a required key missing, not an object at all. */
export function sharedSpoilers(message: Message, required: RequiredKeys, otherTypes: readonly string[]): Array<fc.Arbitrary<Labelled>> {
  return [
    fc.constantFrom(...otherTypes).map((t) => spoil('unknown type', { ...message, type: t })),
    fc.constantFrom(...required[String(message.type)]!).map((k) => {
      const { [k]: _dropped, ...rest } = message;
      return spoil(`missing ${k}`, rest);
    }),
    fc
      .constantFrom<(m: Message) => unknown>(
        (m) => JSON.stringify(m),
        (m) => [m],
        () => null,
        () => 42,
      )
      .map((f) => spoil('not an object', f(message))),
  ];
}

/**
 * One spoiler of a message: the shared spoilers come first; the field-specific ones weigh more, so
 * each field's own rule is tested often.
 */
export function oneSpoiler(shared: Array<fc.Arbitrary<Labelled>>, own: Array<fc.Arbitrary<Labelled>>): fc.Arbitrary<Labelled> {
  return fc.oneof(...shared.map((arbitrary) => ({ arbitrary, weight: 1 })), ...own.map((arbitrary) => ({ arbitrary, weight: 3 })));
}

/** Valid intents, the same with an unknown key, and near misses (twice as many). */
export function labelledMessages(
  validIntent: fc.Arbitrary<Message>,
  extraKeys: readonly string[],
  nearMiss: (m: Message) => fc.Arbitrary<Labelled>,
): fc.Arbitrary<Labelled> {
  return fc.oneof(
    validIntent.map((value) => ({ value, valid: true, why: String(value.type) })),
    // Keys the schema does not know are dropped, not refused.
    fc.tuple(validIntent, fc.constantFrom(...extraKeys)).map(([m, k]) => ({ value: { ...m, [k]: 'x' }, valid: true, why: 'extra key' })),
    validIntent.chain(nearMiss),
    validIntent.chain(nearMiss),
  );
}

/** Messages from the webview that the host must accept. */
export function assertAcceptsAll(schema: z.ZodType, messages: readonly unknown[]): void {
  for (const message of messages) assert.ok(schema.safeParse(message).success, JSON.stringify(message));
}

/** What no protocol accepts: an intent to edit a file's text, and values that are not messages. */
const FOREIGN_MESSAGES: readonly unknown[] = [{ type: 'edit', file: 'a', text: 'x' }, '<script>', null, 42];

/** Messages the host must refuse: the protocol's own near misses, then the foreign ones. */
export function assertRefusesAll(schema: z.ZodType, nearMisses: readonly unknown[]): void {
  for (const message of [...nearMisses, ...FOREIGN_MESSAGES])
    assert.equal(schema.safeParse(message).success, false, JSON.stringify(message));
}

/** The schema accepts exactly the valid messages, as sent minus unknown keys; returns the tally of cases. */
export function assertAcceptsExactlyTheValid(
  name: string,
  schema: z.ZodType,
  messages: fc.Arbitrary<Labelled>,
  required: RequiredKeys,
  numRuns: number,
): CaseTally {
  const tally = new CaseTally(name);
  fc.assert(
    fc.property(messages, ({ value, valid, why }) => {
      const parsed = schema.safeParse(value);
      tally.count(parsed.success ? `accepted: ${why}` : `rejected: ${why}`);
      assert.equal(parsed.success, valid, `${why}: ${JSON.stringify(value)}`);
      // What the host acts on is the message as sent, extra keys dropped.
      if (parsed.success) assert.deepEqual(parsed.data, canonical(value, required));
    }),
    { numRuns },
  );
  tally.log('accepted');
  // Both sides of the schema are reached, each in a fair share of the cases.
  tally.atLeast('accepted', 0.3);
  tally.atLeast('rejected', 0.3);
  return tally;
}

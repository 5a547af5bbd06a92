// Generators shared by the property tests.
import fc from 'fast-check';

/**
 * One of `samples` — the cases people write and the edge cases that matter — or anything `random`
 * makes, half and half: the samples reach the interesting paths, the random text everything else.
 */
export function sampleOr<T>(samples: readonly T[], random: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof(fc.constantFrom(...samples), random);
}

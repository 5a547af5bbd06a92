// The matrix webview's messages, both directions. The host validates everything it receives with
// these schemas; the webview imports only the inferred types.
import * as z from 'zod';

const score = z.number().int().min(1).max(5);

export const matrixCardSchema = z.object({
  file: z.string(),
  id: z.string().optional(),
  title: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  customer: z.string().optional(),
  owner: z.string().optional(),
  priority: z.enum(['P1', 'P2', 'P3']).optional(),
  importance: score.optional(),
  urgency: score.optional(),
  errors: z.number().int().min(0),
});

const filterSchema = z.object({
  type: z.string().optional(),
  status: z.string().optional(),
  customer: z.string().optional(),
  owner: z.string().optional(),
});

/** Host → webview. */
export const toMatrixSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: z.record(z.string(), z.string()),
    threshold: z.number().int(),
    cards: z.array(matrixCardSchema),
    regions: z.object({ P1: z.number(), P2: z.number(), P3: z.number() }),
    filter: filterSchema,
    focus: z.string().optional(),
  }),
  z.object({
    type: z.literal('cards'),
    threshold: z.number().int(),
    upserted: z.array(matrixCardSchema),
    removed: z.array(z.string()),
    regions: z.object({ P1: z.number(), P2: z.number(), P3: z.number() }),
  }),
  z.object({ type: z.literal('focus'), file: z.string() }),
]);

/** Webview → host: intents, never edits. */
export const fromMatrixSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('open'), file: z.string() }),
  z.object({ type: z.literal('moveCard'), file: z.string(), importance: score, urgency: score }),
  z.object({ type: z.literal('filter'), filter: filterSchema }),
]);

export type MatrixCardMessage = z.infer<typeof matrixCardSchema>;
export type ToMatrix = z.infer<typeof toMatrixSchema>;
export type FromMatrix = z.infer<typeof fromMatrixSchema>;
export type MatrixFilterMessage = z.infer<typeof filterSchema>;

// The matrix webview's messages, both directions, and the one definition of the matrix's view
// model: core builds values of these types, the host validates everything it receives with these
// schemas, and the webview imports only the inferred types. The webview applies no rule of its
// own: the region of every cell, the cards the filter hides and the filter's options all come
// from the host.
import * as z from 'zod';
import { focusSchema, missingFieldsSchema, prioritySchema, readySchema } from './common';
import { filterBarSchema, filterMessageSchema, filterSchema } from './filterBar';

const score = z.number().int().min(1).max(5);
const regionsSchema = z.object({ P1: z.number(), P2: z.number(), P3: z.number() });
/** The region of every cell: `cells[importance - 1][urgency - 1]`. */
const cellsSchema = z.array(z.array(prioritySchema).length(5)).length(5);

export const matrixCardSchema = z.object({
  file: z.string(),
  id: z.string().optional(),
  title: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  /** The team's own status (a team schema's list); `status` is then the ReqDesk stage it maps to. */
  teamStatus: z.string().optional(),
  customer: z.string().optional(),
  owner: z.string().optional(),
  priority: prioritySchema.optional(),
  importance: score.optional(),
  urgency: score.optional(),
  errors: z.number().int().min(0),
  /** How many customers asked, and how many of each tier (absent when no one is named). */
  demand: z
    .object({
      customers: z.number().int().min(1),
      key: z.number().int().min(0),
      existing: z.number().int().min(0),
      new: z.number().int().min(0),
    })
    .optional(),
  /** `reqdesk.priority.demand` raised the derived priority. */
  raisedByDemand: z.literal(true).optional(),
});

/** Host → webview. */
export const toMatrixSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: z.record(z.string(), z.string()),
    cells: cellsSchema,
    cards: z.array(matrixCardSchema),
    regions: regionsSchema,
    filter: filterSchema,
    filters: filterBarSchema,
    /** The files of the cards the filter hides. */
    hidden: z.array(z.string()),
    /** The files of the scored cards whose stored priority is not their cell's region. */
    differs: z.array(z.string()),
    /** The files of the unscored cards, in ranked order (priority, rank within it, ID). */
    unscored: z.array(z.string()),
    /** Under a team schema, when no card has both scores: what to add, shown instead of the grid. */
    missing: missingFieldsSchema.optional(),
    focus: z.string().optional(),
  }),
  z.object({
    type: z.literal('cards'),
    cells: cellsSchema,
    upserted: z.array(matrixCardSchema),
    removed: z.array(z.string()),
    regions: regionsSchema,
    filters: filterBarSchema,
    hidden: z.array(z.string()),
    differs: z.array(z.string()),
    unscored: z.array(z.string()),
    missing: missingFieldsSchema.optional(),
  }),
  focusSchema,
]);

/** Webview → host: intents, never edits. */
export const fromMatrixSchema = z.discriminatedUnion('type', [
  readySchema,
  z.object({ type: z.literal('open'), file: z.string() }),
  z.object({ type: z.literal('moveCard'), file: z.string(), importance: score, urgency: score }),
  filterMessageSchema,
]);

export type MatrixCard = z.infer<typeof matrixCardSchema>;
export type MatrixRegions = z.infer<typeof regionsSchema>;
export type MatrixCells = z.infer<typeof cellsSchema>;
export type ToMatrix = z.infer<typeof toMatrixSchema>;
export type FromMatrix = z.infer<typeof fromMatrixSchema>;

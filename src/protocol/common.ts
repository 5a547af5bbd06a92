// Pieces every webview protocol uses the same way: how a day travels, the message a page sends when
// it has loaded, the message that brings one requirement into view, and what a view says when no
// record has the fields it draws from.
import * as z from 'zod';

/** A day as `YYYY-MM-DD` (the shape only: the host checks a calendar day where it writes one). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const prioritySchema = z.enum(['P1', 'P2', 'P3']);

/** Webview → host: the page listens now; the host sends everything it shows. */
export const readySchema = z.object({ type: z.literal('ready') });

/**
 * What a view draws from that no record has (a team's records without scores or tasks), in the UI
 * language: shown instead of an empty grid or chart. `fields` are keys as a record writes them.
 */
export const missingFieldsSchema = z.object({ title: z.string(), fields: z.array(z.string()), hint: z.string() });

/** Host → webview: bring this requirement into view. */
export const focusSchema = z.object({ type: z.literal('focus'), file: z.string() });

export type FocusMessage = z.infer<typeof focusSchema>;
export type MissingFieldsText = z.infer<typeof missingFieldsSchema>;

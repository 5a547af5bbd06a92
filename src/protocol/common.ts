// Pieces every webview protocol uses the same way: how a day travels, the message a page sends when
// it has loaded, and the message that brings one requirement into view.
import * as z from 'zod';

/** A day as `YYYY-MM-DD` (the shape only: the host checks a calendar day where it writes one). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const prioritySchema = z.enum(['P1', 'P2', 'P3']);

/** Webview → host: the page listens now; the host sends everything it shows. */
export const readySchema = z.object({ type: z.literal('ready') });

/** Host → webview: bring this requirement into view. */
export const focusSchema = z.object({ type: z.literal('focus'), file: z.string() });

export type FocusMessage = z.infer<typeof focusSchema>;

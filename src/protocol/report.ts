// The report webview's messages, both directions. The host validates everything it receives with
// these schemas; the webview imports only the inferred types.
import * as z from 'zod';
import { isoDate, readySchema } from './common';

export const reportKindSchema = z.enum(['implementation', 'process', 'satisfaction', 'weekly']);

const chartSchema = z.object({
  kind: z.literal('chart'),
  title: z.string(),
  series: z.array(z.string()),
  groups: z.array(z.object({ label: z.string(), bars: z.array(z.object({ value: z.number(), label: z.string() })) })),
  max: z.number().optional(),
});

export const reportBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('note'), text: z.string() }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
  z.object({ kind: z.literal('table'), columns: z.array(z.string()), numeric: z.array(z.boolean()), rows: z.array(z.array(z.string())) }),
  chartSchema,
]);

export const reportDocumentSchema = z.object({
  kind: reportKindSchema,
  title: z.string(),
  from: isoDate,
  to: isoDate,
  lead: z.array(z.string()),
  sections: z.array(z.object({ key: z.string(), heading: z.string(), blocks: z.array(reportBlockSchema) })),
});

/** A requirement ID the webview may show as a link (the host checks it again when it comes back). */
const requirementIdSchema = z.string().min(1).max(200);

/** Host → webview. */
export const toReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: z.record(z.string(), z.string()),
    /** Kind → its name in the UI language. */
    kinds: z.record(reportKindSchema, z.string()),
    document: reportDocumentSchema.optional(),
    /** The workspace's requirement IDs: where the document names one, it is a link to the record. */
    ids: z.array(requirementIdSchema).optional(),
  }),
  z.object({ type: z.literal('document'), document: reportDocumentSchema, ids: z.array(requirementIdSchema).optional() }),
  z.object({ type: z.literal('busy') }),
]);

/** Webview → host: intents. */
export const fromReportSchema = z.discriminatedUnion('type', [
  readySchema,
  z.object({ type: z.literal('kind'), kind: reportKindSchema }),
  z.object({ type: z.literal('pickRange') }),
  z.object({ type: z.literal('save') }),
  /** A requirement ID clicked in the report: open its record. */
  z.object({ type: z.literal('open'), id: requirementIdSchema }),
]);

/** What the webview keeps across reloads (read back by the panel serializer). */
export const reportStateSchema = z.object({ kind: reportKindSchema, from: isoDate, to: isoDate });

export type ReportKindMessage = z.infer<typeof reportKindSchema>;
export type ReportDocumentMessage = z.infer<typeof reportDocumentSchema>;
export type ReportBlockMessage = z.infer<typeof reportBlockSchema>;
export type ReportChartMessage = z.infer<typeof chartSchema>;
export type ToReport = z.infer<typeof toReportSchema>;
export type FromReport = z.infer<typeof fromReportSchema>;
export type ReportState = z.infer<typeof reportStateSchema>;

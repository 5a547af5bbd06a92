// The filter bar the matrix and the timeline share: the filter the webview sends back, and the
// fields the host sends to show, each with its caption, its "all" choice and its options already
// labelled in the UI language. The webview lists what it is given; it knows no type or status.
import * as z from 'zod';

export const FILTER_KEYS = ['type', 'status', 'customer', 'owner'] as const;

/** The filter chosen in the bar (webview → host): every key optional, values bounded. */
export const filterSchema = z.object({
  type: z.string().max(200).optional(),
  status: z.string().max(200).optional(),
  customer: z.string().max(1000).optional(),
  owner: z.string().max(1000).optional(),
});

/** Webview → host: the user chose another filter. */
export const filterMessageSchema = z.object({ type: z.literal('filter'), filter: filterSchema });

export const filterFieldSchema = z.object({
  key: z.enum(FILTER_KEYS),
  /** The caption above the drop-down. */
  label: z.string(),
  /** The text of the choice that filters nothing. */
  all: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
});

/** Host → webview: the fields of the bar, in the order shown. */
export const filterBarSchema = z.array(filterFieldSchema);

export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filter = z.infer<typeof filterSchema>;
export type FilterField = z.infer<typeof filterFieldSchema>;
export type FilterBar = z.infer<typeof filterBarSchema>;

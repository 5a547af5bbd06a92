// The seed's tables as CSV and Markdown: the record table (模板1 客户需求记录表: 需求编号, 客户名称/联系人,
// 客户行业/规模, 需求描述, 需求来源, 提交时间, 初步分类, 关联订单/项目编号) is imported into requirement
// files and exported from them; the response plan table (需求编号, 策略, 措施, 负责人, 时间节点, 风险预判)
// is exported. Importing is planned first — every row becomes a file to create or the reasons it
// is refused — so that both faces can preview the plan, and write it all or not at all.
import { outlineBody, withoutHtmlComments } from './body';
import { bodyParts } from './recordBody';
import { cellOf, EXTRA_COLUMNS, JSON_KEYS, parseJsonCell, TEXT_KEYS, type ExtraField } from './recordColumns';
import { decodeCsv, parseCsv, unguardFormula, type CsvEncoding, type CsvEncodingOption, type ParsedCsv, type Table } from './csv';
import { loadYamlFast, splitFile } from './frontmatter';
import { nextId, type IdGrammar } from './ids';
import type { RequirementRecord } from './index';
import { localizable, localize, type Localizable } from './l10n';
import { formatMessage, type Language, type ProblemCode } from './messages';
import { scheduleTasks, isValidIsoDate, type WorkCalendar } from './schedule';
import {
  CUSTOMER_SIZES,
  CUSTOMER_TIERS,
  HORIZONS,
  normalizeAliases,
  fieldOfMisplacedValue,
  requirementSchema,
  STATUSES,
  REQUIREMENT_TYPES,
  SOURCES,
  STRATEGIES,
  type CustomerSize,
  type EnumValueDoc,
  type Horizon,
  type RequirementType,
  type Source,
  type Status,
} from './schema';
import type { Settings } from './settings';
import { fileGlobs } from './fileGlobs';
import { newRequirementText, type NewCustomer } from './templates';
import { printable } from './terminalText';
import { analyzeRequirement } from './validate';
import { valueName } from './valueLabel';

// ---------------------------------------------------------------------------------------------
// Columns

/** The seed's columns (split or combined as teams keep them), the title, and the horizon. */
export type SeedField =
  | 'id'
  | 'title'
  | 'customerContact'
  | 'customer'
  | 'contact'
  | 'industrySize'
  | 'industry'
  | 'size'
  | 'description'
  | 'source'
  | 'submitted'
  | 'type'
  | 'related'
  | 'horizon';

/** A column the import reads: the seed's, or one of those an export adds after them (recordColumns). */
export type RecordField = SeedField | ExtraField;

/** A header as compared: NFKC (full-width → ASCII), lower case, no spaces, no "(…)" explanation. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s_*]+/g, '');
}

const HEADER_ALIASES: Record<SeedField, readonly string[]> = {
  id: ['需求编号', '编号', 'id', 'requirementid', 'reqid'],
  title: ['需求标题', '标题', '需求名称', 'title'],
  customerContact: ['客户名称/联系人', '客户/联系人', 'customer/contact'],
  customer: ['客户名称', '客户', 'customer', 'customername'],
  contact: ['联系人', 'contact'],
  industrySize: ['客户行业/规模', '行业/规模', 'industry/size'],
  industry: ['客户行业', '行业', 'industry'],
  size: ['客户规模', '规模', 'size'],
  description: ['需求描述', '描述', 'description'],
  source: ['需求来源', '来源', 'source'],
  submitted: ['提交时间', '提交日期', 'submitted', 'datesubmitted', 'date'],
  type: ['初步分类', '分类', '需求类型', '类型', 'type'],
  related: ['关联订单/项目编号', '关联订单', '关联项目', '关联编号', 'related', 'relatedorders/projects'],
  horizon: ['紧急程度', 'horizon'],
};

const FIELD_OF_HEADER = new Map<string, RecordField>();
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [RecordField, readonly string[]][]) {
  for (const alias of aliases) FIELD_OF_HEADER.set(normalizeHeader(alias), field);
}
for (const column of EXTRA_COLUMNS) {
  for (const alias of [column.en, column['zh-cn'], column.field, ...(column.aliases ?? [])])
    if (!FIELD_OF_HEADER.has(normalizeHeader(alias))) FIELD_OF_HEADER.set(normalizeHeader(alias), column.field);
}

export function fieldOfHeader(header: string): RecordField | undefined {
  return FIELD_OF_HEADER.get(normalizeHeader(header));
}

/** The seed's columns as exported, in the seed's order (with the title after the ID); the export adds EXPORT_COLUMNS after them. */
const RECORD_COLUMNS: ReadonlyArray<{ field: SeedField; en: string; 'zh-cn': string }> = [
  { field: 'id', en: 'ID', 'zh-cn': '需求编号' },
  { field: 'title', en: 'Title', 'zh-cn': '需求标题' },
  { field: 'customerContact', en: 'Customer / Contact', 'zh-cn': '客户名称/联系人' },
  { field: 'industrySize', en: 'Industry / Size', 'zh-cn': '客户行业/规模' },
  { field: 'description', en: 'Description', 'zh-cn': '需求描述' },
  { field: 'source', en: 'Source', 'zh-cn': '需求来源' },
  { field: 'submitted', en: 'Submitted', 'zh-cn': '提交时间' },
  { field: 'type', en: 'Type', 'zh-cn': '初步分类' },
  { field: 'related', en: 'Related orders / projects', 'zh-cn': '关联订单/项目编号' },
];

/** Every column of an exported record table: the seed's, the horizon, then the rest of the record. */
const EXPORT_COLUMNS: ReadonlyArray<{ field: RecordField; en: string; 'zh-cn': string }> = [
  ...RECORD_COLUMNS,
  ...EXTRA_COLUMNS.slice(0, 1),
  { field: 'horizon', en: 'Horizon', 'zh-cn': '紧急程度' },
  ...EXTRA_COLUMNS.slice(1),
];

const PLAN_COLUMNS = {
  en: ['ID', 'Strategy', 'Measure', 'Owner', 'Dates', 'Risks'],
  'zh-cn': ['需求编号', '策略', '措施', '负责人', '时间节点', '风险预判'],
} as const;

// ---------------------------------------------------------------------------------------------
// Messages

export type ImportCode =
  | 'csv-not-utf8'
  | 'csv-utf16'
  | 'csv-empty'
  | 'csv-no-columns'
  | 'xlsx-unreadable'
  | 'column-ignored'
  | 'column-duplicate'
  | 'row-malformed'
  | 'row-columns'
  | 'id-malformed'
  | 'id-duplicate-row'
  | 'id-taken'
  | 'type-missing'
  | 'type-is-category'
  | 'value-unknown'
  | 'date-invalid'
  | 'text-missing'
  | 'customer-missing'
  | 'cell-control'
  | 'cell-json'
  | 'cell-json-object'
  | 'file-exists'
  | 'record-too-large'
  | 'record-invalid'
  | 'outside-include';

export interface ImportProblem {
  code: ImportCode;
  args: string[];
  /** For record-invalid: the validation problem of the record that would be written. */
  problem?: { code: ProblemCode; args: readonly string[] };
}

/** A field named in a message (`@field:size`), as the record table calls it. */
function fieldName(field: string, lang: Language): string {
  switch (field) {
    case 'type':
      return localize(lang, { message: 'type', comment: 'the record table column 初步分类' });
    case 'source':
      return localize(lang, { message: 'source', comment: 'the record table column 需求来源' });
    case 'size':
      return localize(lang, { message: 'company size', comment: 'the record table column 客户规模' });
    case 'horizon':
      return localize(lang, { message: 'horizon', comment: 'the record table column 紧急程度' });
    case 'status':
      return localize(lang, { message: 'status', comment: 'the record table column 状态' });
    case 'tier':
      return localize(lang, { message: 'customer tier', comment: 'the record table column 客户类型' });
    default:
      return field;
  }
}

/** What each import problem says, in English; `importMessage` localizes it from the catalog. */
export const IMPORT_MESSAGES: Record<ImportCode, string> = {
  'csv-not-utf8': 'The file is not valid UTF-8 (first bad byte at offset {0}); try --encoding gbk or auto.',
  'csv-utf16': 'The file is UTF-16 ("Unicode text"): save it from Excel as "CSV UTF-8" or "CSV".',
  'csv-empty': 'The file has no header row.',
  'xlsx-unreadable': 'The file cannot be read as an Excel workbook (.xlsx): {0}. An .xls or .et file must be saved as .xlsx first.',
  'csv-no-columns': 'No column of the record table was recognised in the header ({0}). Expected columns such as: {1}.',
  'column-ignored': 'Column "{0}" is not part of the record table and is ignored.',
  'column-duplicate': 'Column "{0}" repeats "{1}"; only the first is read.',
  'row-malformed': 'The row cannot be read as CSV ({0}): a quote is not closed or is out of place.',
  'row-columns': 'The row has {0} cells; the header has {1}.',
  'id-malformed': 'ID "{0}" does not follow the format {1} with a prefix of {2}.',
  'id-duplicate-row': 'ID {0} is already used by row {1} of this file.',
  'id-taken': 'ID {0} is already used by {1}.',
  'type-missing': 'The type is empty: one of functional, experience, business, service (功能, 体验, 商务, 服务).',
  'type-is-category': `The type "{0}" is the guide's classification (category {1}), not a type: put it in a Category (需求分类) column, and one of functional, experience, business, service (功能, 体验, 商务, 服务) in the type column.`,
  'value-unknown': 'Unknown {0} "{1}". Expected one of: {2}.',
  'date-invalid': 'Submitted "{0}" is not a date (write 2024-03-15 or 2024/3/15).',
  'text-missing': 'Neither a description nor a title.',
  'customer-missing': 'A contact, industry or size without a customer name.',
  'cell-control':
    'Column "{0}" holds the control character {1}, which a requirement file cannot keep (ReqDesk would not read the file): remove it from the cell.',
  'cell-json': 'Column "{0}" is not valid JSON ({1}).',
  'cell-json-object': 'Column "{0}" must hold a JSON object.',
  'file-exists': '{0} already exists and is never overwritten.',
  'record-too-large': 'The record would be {0} bytes, more than reqdesk.validation.maxFileSize ({1}): ReqDesk would not read it.',
  'record-invalid': 'The record would be invalid: {0}',
  'outside-include': 'The new files in {0} do not match reqdesk.include, so ReqDesk will not index them.',
};

export function importMessage(p: ImportProblem, lang: Language): string {
  const args = p.code === 'record-invalid' && p.problem ? [formatMessage(p.problem.code, p.problem.args, lang)] : p.args;
  // A missing argument reads as nothing rather than as its placeholder.
  const [a0 = '', a1 = '', a2 = ''] = args.map((arg) => (arg.startsWith('@field:') ? fieldName(arg.slice(7), lang) : arg));
  return localize(lang, IMPORT_MESSAGES[p.code], a0, a1, a2);
}

/** "row 4" or "row 4 (line 6)": the row as Excel numbers it, and the line when a cell broke lines before it. */
export function rowLabel(row: number, line: number, lang: Language): string {
  return row === line ? localize(lang, 'row {0}', row) : localize(lang, 'row {0} (line {1})', row, line);
}

// ---------------------------------------------------------------------------------------------
// Cell values

/**
 * Characters a requirement file cannot hold: C0 controls but tab, line feed and carriage return
 * (a NUL makes ReqDesk skip the whole file as binary, and YAML refuses the others), DEL, C1
 * controls, the non-characters U+FFFE/U+FFFF and lone UTF-16 surrogates (written as U+FFFD, so
 * the text would change). No `u` flag: a lone surrogate must be seen as one code unit.
 */
const UNWRITABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNWRITABLE_ALL = new RegExp(UNWRITABLE.source, 'g');

/** `U+0000`: how a character that must not be printed as itself is named in a message. */
function codePointName(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A header for a message, its unwritable characters named instead of printed. */
function visibleHeader(header: string): string {
  return header.replace(UNWRITABLE_ALL, codePointName);
}

/** The first unwritable character of each read cell, as row problems naming the column. */
function unwritableCells(cells: readonly string[], headers: readonly string[], fieldAt: ReadonlyMap<RecordField, number>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const i of [...fieldAt.values()].sort((a, b) => a - b)) {
    const bad = UNWRITABLE.exec(cells[i] ?? '')?.[0];
    if (bad !== undefined) problems.push({ code: 'cell-control', args: [visibleHeader(headers[i] ?? ''), codePointName(bad)] });
  }
  return problems;
}

type EnumTable = { readonly [value: string]: EnumValueDoc };

/** A value of an aliased enum: canonical (any case, `market research` for `market-research`) or a Chinese alias. */
function enumValue<V extends string>(values: EnumTable, raw: string): V | undefined {
  const lower = raw.toLowerCase().replace(/[\s_]+/g, '-');
  for (const [value, d] of Object.entries(values)) {
    if (value === lower || d.aliases?.includes(raw)) return value as V;
  }
  return undefined;
}

/** The seed's header says 问卷/访谈/记录: "记录" is order or complaint history. */
const SOURCE_EXTRA: Record<string, Source> = { 记录: 'history', 历史: 'history' };

function typeValue(raw: string): RequirementType | undefined {
  const exact = enumValue<RequirementType>(REQUIREMENT_TYPES, raw);
  if (exact) return exact;
  // "功能需" (a clipped 功能需求) still says 功能.
  for (const [value, d] of Object.entries(REQUIREMENT_TYPES))
    if (d.aliases.some((a) => a.length >= 2 && raw.startsWith(a))) return value as RequirementType;
  return undefined;
}

const expectedValues = (values: EnumTable) =>
  Object.entries(values)
    .map(([v, d]) => (d.aliases?.[0] ? `${v} (${d.aliases[0]})` : v))
    .join(', ');

/** `2024/3/15`, `2024-03-15`, `2024.3.15`, `2024年3月15日`, with an optional time as Excel writes it → `2024-03-15`. */
export function normalizeDate(raw: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(raw.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : undefined;
}

/** "客户A / 王经理" → ["客户A", "王经理"]; one part when there is no slash. At the first slash. */
function splitPair(cell: string): [string, string] {
  const slash = cell.search(/[/／]/);
  return slash === -1 ? [cell.trim(), ''] : [cell.slice(0, slash).trim(), cell.slice(slash + 1).trim()];
}

const MAX_TITLE = 40;

/** A title from the description: its first clause or sentence, at most 40 characters. */
export function titleFromDescription(description: string): string {
  const first = description.trim().split(/\r?\n/)[0]!.trim();
  // A full stop ends a sentence only before a space ("v1.2" goes on).
  const clause = /^(.{4,}?)(?:[。！？；;!?，,]|\.(?=\s))/u.exec(first)?.[1] ?? first;
  const chars = [...clause.trim()];
  if (chars.length <= MAX_TITLE) return chars.join('');
  let cut = chars.slice(0, MAX_TITLE).join('');
  // Latin text is cut at a word boundary.
  const space = cut.lastIndexOf(' ');
  if (space > MAX_TITLE / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** `<ID>-<slug>.md`, as the new-requirement command names files (an ASCII slug of the title, when it has letters). */
export function requirementFileName(id: string, title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  // A slug of digits alone ("30-60" of a Chinese title) says nothing: left out.
  return `${id}${ascii.length >= 3 && /[a-z]/.test(ascii) ? `-${ascii}` : ''}.md`;
}

/** The folder (relative, `/`) most of these files are in: new ones join them. */
export function usualFolder(files: Iterable<string>): string | undefined {
  const counts = new Map<string, number>();
  for (const f of files) {
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

// ---------------------------------------------------------------------------------------------
// Import plan

export interface ImportInput {
  /** A CSV file's bytes; or, instead, */
  bytes?: Uint8Array;
  /** rows already read (a workbook's first sheet: see files/workbook), their cells formula-guarded as a CSV's are. */
  sheet?: ParsedCsv;
  encoding?: CsvEncodingOption;
  grammar: IdGrammar;
  settings: Settings;
  /** `YYYY-MM-DD`: the submitted date of rows without one, and the year of allocated IDs. */
  today: string;
  /** The language of the new files' section headings. */
  lang: Language;
  /** IDs the workspace uses, with the file that uses each (for the message). */
  taken: ReadonlyMap<string, string>;
  /** IDs used elsewhere (other branches): never allocated, but a row may not be refused for them. */
  takenElsewhere?: Iterable<string>;
  /** Workspace-relative folder of the new files (`/` separators, no trailing slash). */
  folder: string;
  /** Whether a workspace-relative path exists already. */
  exists: (file: string) => boolean;
  /** Prefix of allocated IDs; default: the prefix most of the file's IDs use, else one for the language. */
  prefix?: string;
}

export interface PlannedFile {
  row: number;
  line: number;
  id: string;
  /** True when the row had no ID and one was allocated. */
  allocated: boolean;
  title: string;
  /** Workspace-relative path. */
  file: string;
  text: string;
}

export interface RefusedRow {
  row: number;
  line: number;
  /** The row's ID cell, when it had one. */
  id?: string;
  reasons: ImportProblem[];
}

export interface ImportPlan {
  encoding?: CsvEncoding;
  /** The header cells and the field each one is read as. */
  columns: Array<{ header: string; field?: RecordField }>;
  create: PlannedFile[];
  refused: RefusedRow[];
  /** Problems with the whole file: nothing can be imported. */
  errors: ImportProblem[];
  /** Notes that refuse nothing (ignored columns). */
  notes: ImportProblem[];
}

interface RowValues {
  title: string;
  type: RequirementType;
  customer?: NewCustomer;
  source?: Source;
  horizon?: Horizon;
  submitted?: string;
  related: string[];
  description: string;
  status?: Status;
  noSubmitted?: boolean;
  /** The front-matter keys after the template's: the extra columns' values, then "More fields". */
  more?: Record<string, unknown>;
  background?: string;
  scenario?: string;
  goal?: string;
  rest?: string;
}

interface RowDraft {
  row: number;
  line: number;
  id: string;
  reasons: ImportProblem[];
  values?: RowValues;
}

/** Reads a cell of a column, formula guard undone, trimmed; '' when the table has no such column. */
type CellReader = (field: RecordField) => string;

/** The customer as the seed's columns give it (one pair column or separate ones), and the tier column. */
function readCustomer(get: CellReader, has: (field: RecordField) => boolean, reasons: ImportProblem[]): NewCustomer | undefined {
  let [name, contact] = has('customerContact') ? splitPair(get('customerContact')) : ['', ''];
  name = get('customer') || name;
  contact = get('contact') || contact;
  let [industry, sizeText] = has('industrySize') ? splitPair(get('industrySize')) : ['', ''];
  // One part without a slash: a size when it reads as one ("中型"), else the industry.
  if (!sizeText && industry && enumValue(CUSTOMER_SIZES, industry)) [industry, sizeText] = ['', industry];
  industry = get('industry') || industry;
  sizeText = get('size') || sizeText;
  let size: CustomerSize | undefined;
  if (sizeText) {
    size = enumValue<CustomerSize>(CUSTOMER_SIZES, sizeText);
    if (!size) reasons.push({ code: 'value-unknown', args: ['@field:size', sizeText, expectedValues(CUSTOMER_SIZES)] });
  }
  const tierText = get('tier');
  const tier = tierText ? enumValue(CUSTOMER_TIERS, tierText) : undefined;
  if (tierText && !tier) reasons.push({ code: 'value-unknown', args: ['@field:tier', tierText, expectedValues(CUSTOMER_TIERS)] });
  if (!name && (contact || industry || sizeText || tierText)) reasons.push({ code: 'customer-missing', args: [] });
  if (!name) return undefined;
  return {
    name,
    ...(contact ? { contact } : {}),
    ...(industry ? { industry } : {}),
    ...(size ? { size } : {}),
    ...(tier ? { more: { tier } } : {}),
  };
}

/**
 * The columns an export adds after the seed's: the status, the other front-matter keys (text or
 * JSON cells) and "More fields" (keys no other column carries exactly, which win over the seed's
 * cells), and the body's other sections. A JSON cell that does not parse refuses the row.
 */
function readExtras(
  get: CellReader,
  raw: (field: RecordField) => string,
  headerOf: (field: RecordField) => string,
  reasons: ImportProblem[],
): Pick<RowValues, 'status' | 'more' | 'background' | 'scenario' | 'goal' | 'rest'> & { override?: Record<string, unknown> } {
  const statusText = get('status');
  const status = statusText ? enumValue<Status>(STATUSES, statusText) : undefined;
  if (statusText && !status) reasons.push({ code: 'value-unknown', args: ['@field:status', statusText, expectedValues(STATUSES)] });
  const more: Record<string, unknown> = {};
  for (const key of TEXT_KEYS) {
    if (key === 'status') continue;
    const text = get(key);
    if (text) more[key] = text;
  }
  for (const key of JSON_KEYS) {
    const text = get(key);
    if (!text) continue;
    const parsed = parseJsonCell(text);
    if (parsed.ok) more[key] = parsed.value;
    else reasons.push({ code: 'cell-json', args: [headerOf(key), parsed.reason] });
  }
  let override: Record<string, unknown> | undefined;
  const moreText = get('more');
  if (moreText) {
    const parsed = parseJsonCell(moreText);
    if (!parsed.ok) reasons.push({ code: 'cell-json', args: [headerOf('more'), parsed.reason] });
    else if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
      reasons.push({ code: 'cell-json-object', args: [headerOf('more')] });
    else override = parsed.value as Record<string, unknown>;
  }
  const text = (field: 'background' | 'scenario' | 'goal' | 'rest') => raw(field).replace(/\r\n?/g, '\n');
  return {
    ...(status ? { status } : {}),
    ...(Object.keys(more).length ? { more } : {}),
    ...(override ? { override } : {}),
    background: text('background'),
    scenario: text('scenario'),
    goal: text('goal'),
    rest: text('rest'),
  };
}

function readRow(
  cells: readonly string[],
  fieldAt: ReadonlyMap<RecordField, number>,
  headers: readonly string[] = [],
): Omit<RowDraft, 'row' | 'line' | 'id'> & { id: string } {
  const raw = (field: RecordField) => {
    const i = fieldAt.get(field);
    return i === undefined ? '' : unguardFormula(cells[i] ?? '');
  };
  const get: CellReader = (field) => raw(field).trim();
  const has = (field: RecordField) => fieldAt.has(field);
  const headerOf = (field: RecordField) => visibleHeader(headers[fieldAt.get(field) ?? -1] ?? field);
  const reasons: ImportProblem[] = [];
  const id = get('id');
  const customer = readCustomer(get, has, reasons);

  const typeText = get('type');
  const type = typeText ? typeValue(typeText) : undefined;
  if (!typeText) reasons.push({ code: 'type-missing', args: [] });
  else if (!type) {
    // 非功能需求 / 业务需求 are the guide's classification, a second axis: named as such, never
    // turned into a look-alike type of another meaning (业务需求 is not 商务).
    const category = fieldOfMisplacedValue(['type'], typeText);
    reasons.push(
      category
        ? { code: 'type-is-category', args: [typeText, category.value] }
        : { code: 'value-unknown', args: ['@field:type', typeText, expectedValues(REQUIREMENT_TYPES)] },
    );
  }

  const sourceText = get('source');
  const source = sourceText ? (enumValue<Source>(SOURCES, sourceText) ?? SOURCE_EXTRA[sourceText]) : undefined;
  if (sourceText && !source) reasons.push({ code: 'value-unknown', args: ['@field:source', sourceText, expectedValues(SOURCES)] });

  const horizonText = get('horizon');
  const horizon = horizonText ? enumValue<Horizon>(HORIZONS, horizonText) : undefined;
  if (horizonText && !horizon) reasons.push({ code: 'value-unknown', args: ['@field:horizon', horizonText, expectedValues(HORIZONS)] });

  const submittedText = get('submitted');
  const submitted = submittedText ? normalizeDate(submittedText) : undefined;
  if (submittedText && !submitted) reasons.push({ code: 'date-invalid', args: [submittedText] });

  const description = get('description').replace(/\r\n?/g, '\n');
  const extras = readExtras(get, raw, headerOf, reasons);
  const { override, ...fromExtras } = extras;
  const titleOverride = typeof override?.['title'] === 'string' ? override['title'] : undefined;
  const title = titleOverride ?? (get('title').replace(/\s+/g, ' ') || titleFromDescription(description));
  if (!title) reasons.push({ code: 'text-missing', args: [] });

  const related = get('related')
    .split(/[,，;；、\s]+/)
    .filter((x) => x);
  if (reasons.length || !type) return { id, reasons };
  // "More fields" wins over the seed's cells: its keys are written by the yaml library, exactly.
  const more: Record<string, unknown> = { ...fromExtras.more };
  let noSubmitted = false;
  for (const [key, value] of Object.entries(override ?? {})) {
    if (key === 'id' || key === 'title') continue;
    // A record without a submitted date says so (else the import would give it today's).
    if (key === 'submitted' && value === null) noSubmitted = true;
    else more[key] = value;
  }
  return {
    id,
    reasons,
    values: {
      title,
      type,
      ...(customer ? { customer } : {}),
      ...(source ? { source } : {}),
      ...(horizon ? { horizon } : {}),
      ...(submitted ? { submitted } : {}),
      related,
      description,
      ...fromExtras,
      ...(Object.keys(more).length ? { more } : {}),
      ...(noSubmitted ? { noSubmitted } : {}),
    },
  };
}
function defaultPrefix(grammar: IdGrammar, ids: readonly string[], lang: Language): string {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const p = grammar.parse(id)?.prefix;
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const most = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (most) return most;
  const prefixes = grammar.prefixes;
  return lang === 'zh-cn'
    ? (prefixes.find((p) => /[^\x00-\x7f]/.test(p)) ?? prefixes[0]!)
    : (prefixes.find((p) => /^[\x00-\x7f]+$/.test(p)) ?? prefixes[0]!);
}

/**
 * What importing a CSV file would do: for each row, the file it creates (path and full text) or
 * why it is refused, with its row and line. Kept IDs must be valid and free (in the workspace and
 * in earlier rows); rows without an ID get the next free one, after every kept ID is reserved.
 * Nothing here writes: the faces write `create` all at once, or nothing.
 */
export function planImport(input: ImportInput): ImportPlan {
  const plan: ImportPlan = { columns: [], create: [], refused: [], errors: [], notes: [] };
  let csv: ParsedCsv;
  if (input.sheet) csv = input.sheet;
  else {
    const decoded = decodeCsv(input.bytes ?? new Uint8Array(), input.encoding);
    if (!decoded.ok) {
      plan.errors.push({ code: decoded.code, args: decoded.offset === undefined ? [] : [String(decoded.offset)] });
      return plan;
    }
    plan.encoding = decoded.encoding;
    csv = parseCsv(decoded.text);
  }
  if (!csv.header) {
    plan.errors.push({ code: 'csv-empty', args: [] });
    return plan;
  }
  const fieldAt = new Map<RecordField, number>();
  csv.header.cells.forEach((header, i) => {
    const field = fieldOfHeader(header);
    plan.columns.push({ header, ...(field ? { field } : {}) });
    if (!header.trim()) return;
    if (!field) plan.notes.push({ code: 'column-ignored', args: [header] });
    else if (fieldAt.has(field)) plan.notes.push({ code: 'column-duplicate', args: [header, csv.header!.cells[fieldAt.get(field)!]!] });
    else fieldAt.set(field, i);
  });
  if (fieldAt.size === 0) {
    plan.notes = [];
    plan.errors.push({
      code: 'csv-no-columns',
      args: [csv.header.cells.join(', '), RECORD_COLUMNS.map((c) => `${c['zh-cn']} / ${c.en}`).join(', ')],
    });
    return plan;
  }
  const width = csv.header.cells.length;

  // 1. Each row read on its own.
  const drafts: RowDraft[] = [];
  for (const e of csv.errors) drafts.push({ row: e.row, line: e.line, id: '', reasons: [{ code: 'row-malformed', args: [e.reason] }] });
  for (const r of csv.rows) {
    if (r.cells.every((c) => c.trim() === '')) continue; // Excel's empty rows
    const extra = r.cells.slice(width);
    if (r.cells.length < width || extra.some((c) => c.trim() !== '')) {
      drafts.push({
        row: r.row,
        line: r.line,
        id: fieldAt.has('id') ? (r.cells[fieldAt.get('id')!] ?? '').trim() : '',
        reasons: [{ code: 'row-columns', args: [String(r.cells.length), String(width)] }],
      });
      continue;
    }
    // A control character is refused by itself: the other checks would print the cell as it is.
    const unwritable = unwritableCells(r.cells, csv.header.cells, fieldAt);
    if (unwritable.length) {
      const idCell = fieldAt.has('id') ? unguardFormula(r.cells[fieldAt.get('id')!] ?? '').trim() : '';
      // A clean ID still reserves its number, as for a row refused for its shape.
      drafts.push({ row: r.row, line: r.line, id: UNWRITABLE.test(idCell) ? '' : idCell, reasons: unwritable });
      continue;
    }
    drafts.push({ row: r.row, line: r.line, ...readRow(r.cells, fieldAt, csv.header.cells) });
  }
  drafts.sort((a, b) => a.row - b.row);

  // 2. Kept IDs: valid, not in the workspace, not in an earlier row.
  const { grammar } = input;
  const keptBy = new Map<string, number>();
  for (const d of drafts) {
    // A row refused for its shape still reserves its ID: fixed and imported again, it keeps it.
    if (!d.id) continue;
    if (!grammar.isValid(d.id)) {
      d.reasons.push({ code: 'id-malformed', args: [d.id, grammar.template, grammar.prefixes.join(', ')] });
      continue;
    }
    const earlier = keptBy.get(d.id);
    if (earlier !== undefined) d.reasons.push({ code: 'id-duplicate-row', args: [d.id, String(earlier)] });
    else {
      keptBy.set(d.id, d.row);
      const file = input.taken.get(d.id);
      if (file !== undefined) d.reasons.push({ code: 'id-taken', args: [d.id, file] });
    }
  }

  // 3. IDs for the rows without one, then the files.
  const used = [...input.taken.keys(), ...(input.takenElsewhere ?? []), ...keptBy.keys()];
  const prefix = input.prefix ?? defaultPrefix(grammar, [...keptBy.keys()], input.lang);
  const ctx = { settings: input.settings, grammar };
  const folder = input.folder.replace(/\/+$/, '');
  for (const d of drafts) {
    if (d.reasons.length || !d.values) {
      plan.refused.push({ row: d.row, line: d.line, ...(d.id ? { id: d.id } : {}), reasons: d.reasons });
      continue;
    }
    const v = d.values;
    const year = Number((v.submitted ?? input.today).slice(0, 4));
    const id = d.id || nextId(grammar, used, grammar.hasYear ? { prefix, year } : { prefix });
    const file = `${folder ? `${folder}/` : ''}${requirementFileName(id, v.title)}`;
    if (input.exists(file) || plan.create.some((c) => c.file === file)) {
      plan.refused.push({ row: d.row, line: d.line, ...(d.id ? { id: d.id } : {}), reasons: [{ code: 'file-exists', args: [file] }] });
      continue;
    }
    const { text } = newRequirementText({ id, today: input.today, ...v }, input.lang);
    // Nor a file too large for ReqDesk to read: it would be skipped, its ID unseen.
    const bytes = utf8Length(text);
    if (bytes > input.settings.maxFileBytes) {
      plan.refused.push({
        row: d.row,
        line: d.line,
        ...(d.id ? { id: d.id } : {}),
        reasons: [{ code: 'record-too-large', args: [String(bytes), String(input.settings.maxFileBytes)] }],
      });
      continue;
    }
    // The file must be a valid record: a value the template could not hold is refused, not written.
    const errors = analyzeRequirement(text, ctx, { careful: true }).problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      plan.refused.push({
        row: d.row,
        line: d.line,
        ...(d.id ? { id: d.id } : {}),
        reasons: errors.map((p) => ({ code: 'record-invalid' as const, args: [], problem: { code: p.code, args: p.args } })),
      });
      continue;
    }
    if (!d.id) used.push(id);
    plan.create.push({ row: d.row, line: d.line, id, allocated: !d.id, title: v.title, file, text });
  }
  const globs = fileGlobs(input.settings.include, input.settings.exclude);
  if (plan.create.some((c) => !globs.selects(c.file))) plan.notes.push({ code: 'outside-include', args: [folder || '.'] });
  return plan;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * The plan as lines in row order, as both faces show it: `row 2: create … (ID, ID kept)` / `row 4:
 * refused — …`. One line each, whatever the cells hold (see terminalText).
 */
export function planLines(plan: ImportPlan, lang: Language): string[] {
  const lines: Array<{ row: number; text: string }> = [];
  for (const c of plan.create) {
    const row = rowLabel(c.row, c.line, lang);
    const text = c.allocated
      ? localize(lang, '{0}: create {1} ({2}, new ID)', row, c.file, c.id)
      : localize(lang, '{0}: create {1} ({2}, ID kept)', row, c.file, c.id);
    lines.push({ row: c.row, text });
  }
  for (const r of plan.refused) {
    const row = rowLabel(r.row, r.line, lang);
    const reasons = r.reasons.map((p) => importMessage(p, lang)).join(' ');
    const text = r.id ? localize(lang, '{0}: refused ({1}) — {2}', row, r.id, reasons) : localize(lang, '{0}: refused — {1}', row, reasons);
    lines.push({ row: r.row, text });
  }
  return lines.sort((a, b) => a.row - b.row).map((l) => printable(l.text));
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportEntry {
  record: RequirementRecord;
  /** The file's text, for the description (需求描述) section. */
  text?: string;
}

/**
 * What an export must say about the records it writes, so that a table is never wrong in silence:
 * an ID several files share (their rows would read as one requirement, the plan table would mix
 * their tasks) and a record with errors (its row shows the file as it reads). One text per case,
 * files named.
 */
export function exportCautions(entries: readonly ExportEntry[], fileLabel: (file: string) => string = (file) => file): Localizable[] {
  const filesById = new Map<string, string[]>();
  for (const { record } of entries) if (record.id) filesById.set(record.id, [...(filesById.get(record.id) ?? []), fileLabel(record.file)]);
  const cautions: Localizable[] = [];
  for (const [id, files] of [...filesById].sort(([a], [b]) => a.localeCompare(b))) {
    if (files.length > 1) {
      cautions.push(localizable('ID {0} is used by {1}: their rows share the ID; give each file its own ID.', id, files.sort().join(', ')));
    }
  }
  for (const { record } of [...entries].sort((a, b) => a.record.file.localeCompare(b.record.file))) {
    const errors = record.problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) cautions.push(localizable('{0} has {1} errors: its row shows the file as it reads.', fileLabel(record.file), errors));
  }
  return cautions;
}

/** The text of the description section (需求描述 / Description), comments removed. */
export function descriptionOf(text: string): string {
  const split = splitFile(text);
  const section = outlineBody(split.text, split.bodyStart).sections.find((s) => s.key === 'description');
  if (!section) return '';
  return withoutHtmlComments(split.text.slice(section.content.start, section.content.end)).replace(/\r\n?/g, '\n').trim();
}

const byId = (a: ExportEntry, b: ExportEntry) =>
  (a.record.id ?? '\uffff').localeCompare(b.record.id ?? '\uffff', undefined, { numeric: true }) ||
  a.record.file.localeCompare(b.record.file);

function label(values: EnumTable, value: string | undefined, lang: Language): string {
  if (!value) return '';
  return valueName(value, values[value], lang);
}

/** A value as JSON with the keys of every object sorted: two values are the same data when these are equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const EXPORT_FIELD_AT: ReadonlyMap<RecordField, number> = new Map(EXPORT_COLUMNS.map((c, i) => [c.field, i]));

/** The front-matter the import would write for these cells, read as ReqDesk reads it (aliases normalised). */
function importedFrontMatter(cells: readonly string[], id: string, lang: Language): Record<string, unknown> | undefined {
  const draft = readRow(cells, EXPORT_FIELD_AT);
  if (!draft.values) return undefined;
  const { text } = newRequirementText({ id, today: '1970-01-01', ...draft.values }, lang);
  const yaml = splitFile(text).frontMatter?.yaml;
  const loaded = yaml === undefined ? undefined : loadYamlFast(yaml);
  if (!loaded?.ok || loaded.value === null || typeof loaded.value !== 'object') return undefined;
  const data = loaded.value as Record<string, unknown>;
  normalizeAliases(data);
  const parsed = requirementSchema.partial().safeParse(data);
  return parsed.success ? (parsed.data as Record<string, unknown>) : data;
}

/**
 * "More fields": the front-matter keys whose value the other cells of the row would not bring
 * back exactly, found by reading the row as the import does. `submitted: null` says that the
 * record has no submitted date (the import would give it today's).
 */
function moreFieldsOf(cells: readonly string[], record: RequirementRecord, lang: Language): Record<string, unknown> {
  const data = record.data as Record<string, unknown>;
  const imported = record.id && data['type'] ? importedFrontMatter(cells, record.id, lang) : undefined;
  if (!imported) return {};
  const more: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'id' || value === undefined) continue;
    if (canonicalJson(imported[key]) !== canonicalJson(value)) more[key] = value;
  }
  if (data['submitted'] === undefined && imported['submitted'] !== undefined) more['submitted'] = null;
  return more;
}

/**
 * The record table (模板1), one row per requirement, sorted by ID; headers and values in the
 * language. After the seed's columns, the rest of each record (recordColumns), so that importing
 * the table into an empty folder gives back the same data and the same sections.
 */
export function recordTableOf(entries: readonly ExportEntry[], lang: Language): Table {
  const rows = [...entries].sort(byId).map(({ record, text }) => {
    const d = record.data;
    const c = d.customer;
    const pair = (a: string | undefined, b: string | undefined) => (a && b ? `${a} / ${b}` : (a ?? b ?? ''));
    const body = text === undefined ? undefined : bodyParts(text, d.title ?? record.title);
    const cells: Partial<Record<RecordField, string>> = {
      id: record.id ?? '',
      title: record.title ?? '',
      customerContact: pair(c?.name, c?.contact),
      industrySize: pair(c?.industry, label(CUSTOMER_SIZES, c?.size, lang) || undefined),
      description: body?.sections.description ?? '',
      source: label(SOURCES, d.source, lang),
      submitted: d.submitted ?? '',
      type: label(REQUIREMENT_TYPES, d.type, lang),
      related: (d.related ?? []).join(', '),
      tier: label(CUSTOMER_TIERS, c?.tier, lang),
      horizon: label(HORIZONS, d.horizon, lang),
      background: body?.sections.background ?? '',
      scenario: body?.sections.scenario ?? '',
      goal: body?.sections.goal ?? '',
      rest: body?.rest ?? '',
    };
    for (const key of [...TEXT_KEYS, ...JSON_KEYS]) cells[key] = cellOf(key, (d as Record<string, unknown>)[key]);
    // A customer the combined cells cannot spell ("A/B Ltd" splits at its slash) goes whole to "More fields".
    const customerCells = ['customerContact', 'industrySize', 'tier'] as const;
    const spelled = readCustomer(
      (f) => (cells[f] ?? '').trim(),
      (f) => f in cells,
      [],
    );
    const exact = canonicalJson(spelled && { ...spelled, ...spelled.more, more: undefined }) === canonicalJson(c);
    if (!exact) for (const f of customerCells) cells[f] = '';
    const row = EXPORT_COLUMNS.map((col) => cells[col.field] ?? '');
    const more = { ...(exact || !c ? {} : { customer: c }), ...moreFieldsOf(row, record, lang) };
    if (Object.keys(more).length) row[EXPORT_FIELD_AT.get('more')!] = JSON.stringify(more);
    return row;
  });
  return { header: EXPORT_COLUMNS.map((c) => c[lang]), rows };
}

/** The seed's wording of a strategy (满足需求, 部分满足需求, 替代方案, 无法满足), or its English label. */
function strategyLabel(strategy: string | undefined, lang: Language): string {
  if (!strategy) return '';
  const d = STRATEGIES[strategy as keyof typeof STRATEGIES];
  if (!d) return strategy;
  return lang === 'zh-cn' ? d.aliases[d.aliases.length - 1]! : d.en.slice(0, d.en.indexOf(':'));
}

/**
 * The response plan table (需求响应方案表): one row per task — the strategy, the task as the measure,
 * its owner, its scheduled dates (working days, dependencies followed) and the record's risks; a
 * record without tasks gets one row with its owner and milestones.
 */
export function planTableOf(entries: readonly ExportEntry[], calendar: WorkCalendar, lang: Language): Table {
  const rows: string[][] = [];
  const span = (a: string | undefined, b: string | undefined) => (a && b ? (a === b ? a : `${a} – ${b}`) : (a ?? b ?? ''));
  for (const { record } of [...entries].sort(byId)) {
    const d = record.data;
    const strategy = strategyLabel(d.strategy, lang);
    const risks = (d.risks ?? []).join(localize(lang, { message: '; ', comment: 'between the risks in one table cell' }));
    const tasks = d.tasks ?? [];
    if (tasks.length === 0) {
      const measure = d.strategy === 'declined' ? (d.decline_reason ?? '') : '';
      rows.push([record.id ?? '', strategy, measure, d.owner ?? '', span(d.milestones?.start, d.milestones?.planned_done), risks]);
      continue;
    }
    const schedule = scheduleTasks(
      tasks.map((t) => ({ ...t })),
      calendar,
    );
    for (const t of tasks) {
      const dated = schedule.tasks.get(t.id);
      rows.push([record.id ?? '', strategy, t.title, t.owner ?? '', dated ? span(dated.start, dated.end) : '', risks]);
    }
  }
  return { header: [...PLAN_COLUMNS[lang]], rows };
}

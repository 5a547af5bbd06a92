// The record's single source of truth: every front-matter field, its type, its documentation and
// the Chinese aliases each enum accepts. Validation, the JSON Schema in schemas/, hovers and
// completion are all read from here. The documentation is English; its Chinese is the catalog's
// (l10n/bundle.l10n.zh-cn.json, keyed by the English), like every other text of ReqDesk.
import * as z from 'zod';
import { localize, type Language } from './l10n';

/** Documentation carried by every field: its English text (JSON Schema: `description`). */
export interface FieldDoc {
  [key: string]: unknown;
  description: string;
}

const doc = (description: string): FieldDoc => ({ description });

/** What an enum value means, in English, and the other words (Chinese mostly) users may write for it. */
export interface EnumValueDoc {
  en: string;
  aliases?: readonly string[];
}

/**
 * An enum whose canonical values are English and whose Chinese (or spelling) aliases are accepted
 * on input and normalised on output.
 */
function aliasedEnum<const V extends string>(values: { readonly [K in V]: EnumValueDoc }, fieldDoc: FieldDoc) {
  const canonical = Object.keys(values) as V[];
  const aliasTo = new Map<string, V>();
  for (const value of canonical) for (const alias of values[value].aliases ?? []) aliasTo.set(alias, value);
  const accepted = [...canonical, ...aliasTo.keys()] as [string, ...string[]];
  // Aliases are normalised after parsing (normalizeAliases), not by a zod transform: a plain enum
  // is markedly cheaper on every file of a large index. The output type is what normalisation gives.
  const schema = z.enum(accepted).meta({ ...fieldDoc, 'x-enum-docs': values }) as unknown as z.ZodType<V, string>;
  return Object.assign(schema, { canonical, aliasTo, valueDocs: values });
}

export const REQUIREMENT_TYPES = {
  functional: { en: 'Functional: a feature the product must provide.', aliases: ['功能', '功能需求'] },
  experience: { en: 'Experience: how using it feels — flows, speed, clarity.', aliases: ['体验', '体验需求'] },
  business: { en: 'Business: prices, discounts, payment terms, contracts.', aliases: ['商务', '商务需求'] },
  service: { en: 'Service: support, response times, training, after-sales.', aliases: ['服务', '服务需求'] },
} as const;

/**
 * The guide's classification (需求分类 of seed 000): a second axis beside `type`, not a synonym of
 * it. 非功能需求 (performance, security, usability) is not 功能 with a typo, and 业务需求 (the
 * customer's business process) is not 商务 (prices and contracts).
 */
export const REQUIREMENT_CATEGORIES = {
  functional: { en: 'Functional: a specific function the product or service must provide.', aliases: ['功能需求'] },
  'non-functional': {
    en: 'Non-functional: performance, security, usability and other qualities of the product or service.',
    aliases: ['非功能需求', 'nonfunctional', 'non functional'],
  },
  business: {
    en: 'Business: what the customer needs in their business process (not type business, which is prices and contracts).',
    aliases: ['业务需求'],
  },
} as const;

export const STATUSES = {
  new: { en: 'New: collected, not yet analysed.', aliases: ['新建'] },
  analyzing: { en: 'Analyzing: being classified and assessed.', aliases: ['分析中', 'analysing'] },
  planned: { en: 'Planned: a response plan exists.', aliases: ['已计划'] },
  'in-progress': { en: 'In progress: tasks are being executed.', aliases: ['进行中'] },
  delivered: { en: 'Delivered: handed to the customer, awaiting verification.', aliases: ['已交付'] },
  verified: { en: 'Verified: the customer confirmed it meets the goal.', aliases: ['已验证'] },
  closed: { en: 'Closed: done and archived, lessons recorded.', aliases: ['已关闭', '已归档'] },
  declined: { en: 'Declined: will not be met (see decline_reason).', aliases: ['已拒绝'] },
  'on-hold': { en: 'On hold: deferred for now.', aliases: ['搁置', '暂缓'] },
} as const;

export const CUSTOMER_SIZES = {
  small: { en: 'Small company.', aliases: ['小型'] },
  medium: { en: 'Medium-sized company.', aliases: ['中型'] },
  large: { en: 'Large company.', aliases: ['大型'] },
  enterprise: { en: 'Enterprise or group.', aliases: ['集团', '超大型'] },
} as const;

export const CUSTOMER_TIERS = {
  new: { en: 'New customer: first cooperation.', aliases: ['新客户'] },
  existing: { en: 'Existing customer: renewal or upsell.', aliases: ['老客户'] },
  key: { en: 'Key (high-value) customer: customisation gets precedence.', aliases: ['高价值客户', '重点客户'] },
} as const;

export const SOURCES = {
  survey: { en: 'Questionnaire survey (many customers).', aliases: ['问卷', '问卷调研', '问卷调查'] },
  interview: { en: 'In-depth interview (key customers).', aliases: ['访谈', '深度访谈'] },
  history: { en: 'Order or complaint history.', aliases: ['历史数据', '历史记录'] },
  'feedback-form': { en: 'Customer feedback form after service.', aliases: ['反馈表', '客户反馈表'] },
  'sales-log': { en: 'Sales log.', aliases: ['销售日志'] },
  'support-log': { en: 'Support log.', aliases: ['客服日志'] },
  'market-research': { en: 'Market research.', aliases: ['市场调研'] },
  complaint: { en: 'Complaint.', aliases: ['投诉'] },
} as const;

export const CONTACT_CHANNELS = {
  phone: { en: 'Phone call.', aliases: ['电话'] },
  email: { en: 'E-mail.', aliases: ['邮件', '电子邮件'] },
  meeting: { en: 'Meeting, on site or online.', aliases: ['会议', '面谈'] },
  visit: { en: 'Visit to the customer.', aliases: ['拜访', '上门拜访'] },
  chat: { en: 'Instant message (WeChat, DingTalk…).', aliases: ['微信', '钉钉', '即时消息'] },
  other: { en: 'Another channel.', aliases: ['其他'] },
} as const;

export const HORIZONS = {
  immediate: { en: 'Immediate: affects the current cooperation.', aliases: ['立即', '立即需求'] },
  'short-term': { en: 'Short-term: solve within 1–2 weeks.', aliases: ['短期', '短期需求'] },
  'long-term': { en: 'Long-term: quarterly or yearly planning.', aliases: ['长期', '长期需求'] },
} as const;

export const PRIORITIES = {
  P1: { en: 'P1 — urgent and important: do now.' },
  P2: { en: 'P2 — important but not urgent, or urgent but not important: plan it.' },
  P3: { en: 'P3 — neither urgent nor important: defer.' },
} as const;

export const MOSCOW = {
  must: { en: 'Must have.', aliases: ['必须'] },
  should: { en: 'Should have.', aliases: ['应该'] },
  could: { en: 'Could have.', aliases: ['可以'] },
  wont: { en: "Won't have this time.", aliases: ["won't", '不做'] },
} as const;

export const KANO = {
  basic: { en: 'Basic (must-be) quality.', aliases: ['基本型'] },
  performance: { en: 'Performance (one-dimensional) quality.', aliases: ['期望型'] },
  excitement: { en: 'Excitement (attractive) quality.', aliases: ['兴奋型', '魅力型'] },
  indifferent: { en: 'Indifferent quality.', aliases: ['无差异型'] },
  reverse: { en: 'Reverse quality.', aliases: ['反向型'] },
} as const;

export const STRATEGIES = {
  full: { en: 'Full: the requirement is met.', aliases: ['满足', '满足需求'] },
  partial: { en: 'Partial: met in part.', aliases: ['部分满足', '部分满足需求'] },
  alternative: { en: 'Alternative: another solution is offered.', aliases: ['替代方案'] },
  declined: { en: 'Declined: cannot be met; give the reason and negotiate.', aliases: ['无法满足'] },
} as const;

/**
 * How far a delivered requirement met the need (需求实现程度, the seed's evaluation of
 * implementation): the same four words as the response strategy, but what was achieved, not what
 * was planned. Recorded when the customer verifies it.
 */
export const DEGREES = {
  full: { en: 'Met in full: the requirement is met as asked.', aliases: ['完全满足', '完全实现', '满足'] },
  partial: { en: 'Met in part: some of the requirement is met.', aliases: ['部分满足', '部分实现'] },
  alternative: { en: 'Met by an alternative: another solution serves the need.', aliases: ['替代方案', '替代实现'] },
  declined: { en: 'Not met: the requirement was not delivered (see decline_reason).', aliases: ['未满足', '拒绝', '无法满足'] },
} as const;

export const TASK_STATUSES = {
  todo: { en: 'To do.', aliases: ['待办', '未开始'] },
  doing: { en: 'Doing.', aliases: ['进行中'] },
  done: { en: 'Done.', aliases: ['完成', '已完成'] },
  blocked: { en: 'Blocked.', aliases: ['阻塞'] },
} as const;

export const REVIEW_RESULTS = {
  confirmed: { en: 'The order was confirmed.', aliases: ['确认'] },
  changed: { en: 'The order was changed.', aliases: ['调整'] },
} as const;

export const CHANGE_DECISIONS = {
  pending: { en: 'Pending assessment.', aliases: ['待定', '待评估'] },
  approved: { en: 'Approved.', aliases: ['批准', '已批准'] },
  rejected: { en: 'Rejected.', aliases: ['驳回', '已驳回'] },
} as const;

/** The seed's meaning of each score level, shown in hovers and pick lists. */
export const SCORE_LEVELS = {
  importance: doc(
    'Impact on the customer’s decision or business result: 5 = decides whether the customer renews; 3 = only improves experience.',
  ),
  urgency: doc('Time pressure: 5 = the customer suspends payment until it is solved; 1 = can wait for the next iteration.'),
  feasibility: doc(
    'Can current resources and technology support it: 5 = an existing module extends; 2 = needs a 3-month development cycle.',
  ),
  value: doc('Expected customer value (satisfaction, order growth), for ROI.'),
  effort: doc('Expected cost (people, time), for ROI.'),
} as const;

const text = (d: FieldDoc) => z.string().meta(d);
const date = (d: FieldDoc) => z.iso.date().meta(d);
const score = (d: FieldDoc) => z.number().int().min(1).max(5).meta(d);
const stringList = (d: FieldDoc) => z.array(z.string()).meta(d);
/** The schemas oneOrMany made: readsOneAsList finds them behind a path. */
const ONE_OR_MANY = new WeakSet<z.ZodType>();
/** `depends: T1` is read as `[T1]`: people write the single form. */
const oneOrMany = (d: FieldDoc) => {
  const schema = z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .meta(d);
  ONE_OR_MANY.add(schema);
  return schema;
};

export const customerSchema = z
  .looseObject({
    name: text(doc('Customer name.')),
    contact: text(doc('Contact person.')).optional(),
    industry: text(doc('Industry.')).optional(),
    size: aliasedEnum(CUSTOMER_SIZES, doc('Company size.')).optional(),
    tier: aliasedEnum(CUSTOMER_TIERS, doc('Customer tier: new, existing or key.')).optional(),
  })
  .meta(doc('The customer who raised the requirement (客户背景).'));

/**
 * Another customer who asked for the same requirement. The first requester is `customer` (with the
 * record's `submitted` and `source`): a single-customer file stays as it always was.
 */
export const requesterSchema = customerSchema
  .extend({
    date: date(doc('Date this customer asked.')).optional(),
    source: aliasedEnum(SOURCES, doc('How this customer’s request came in.')).optional(),
    note: text(doc('What this customer said, in their words.')).optional(),
  })
  .meta(doc('Another customer who asked for the same requirement.'));

export const contactSchema = z
  .looseObject({
    date: date(doc('Date of the contact.')),
    channel: aliasedEnum(CONTACT_CHANNELS, doc('How the customer was contacted.')).optional(),
    customer: text(doc('Which customer, when the requirement has more than one.')).optional(),
    who: text(doc('Who spoke with whom.')).optional(),
    summary: text(doc('What was said or agreed.')).optional(),
  })
  .meta(doc('A contact with the customer about this requirement (客户沟通).'));

export const scoresSchema = z
  .looseObject({
    importance: score(SCORE_LEVELS.importance).optional(),
    urgency: score(SCORE_LEVELS.urgency).optional(),
    feasibility: score(SCORE_LEVELS.feasibility).optional(),
    value: score(SCORE_LEVELS.value).optional(),
    effort: score(SCORE_LEVELS.effort).optional(),
  })
  .meta(doc('Assessment scores, 1–5 each (需求评估).'));

export const taskSchema = z
  .looseObject({
    id: text(doc('Task ID, unique within the requirement (T1, T2, …).')),
    title: text(doc('What the task delivers, at the smallest useful grain.')),
    owner: text(doc('Who is responsible.')).optional(),
    start: date(doc('Start date (YYYY-MM-DD). Give either start or depends.')).optional(),
    depends: oneOrMany(doc('Tasks of this requirement that must end first.')).optional(),
    days: z.number().int().min(0).meta(doc('Duration in working days.')).optional(),
    status: aliasedEnum(TASK_STATUSES, doc('Task status.')).optional(),
    promised: z.boolean().meta(doc('The customer was told this task’s dates: they count as a promise.')).optional(),
  })
  .meta(doc('One task of the response plan.'));

export const outcomeSchema = z
  .looseObject({
    degree: aliasedEnum(DEGREES, doc('Degree met (需求实现程度): full, partial, alternative or declined.')).optional(),
    measured: z
      .union([z.string(), z.number()])
      .meta(doc('The effect measured against the expected goal (期望目标), e.g. "energy cost down 11%" or 11.'))
      .optional(),
    note: text(doc('Note on the outcome: what is missing, what the customer said.')).optional(),
  })
  .meta(doc('What the delivered requirement achieved (实现效果), recorded when it is verified.'));

export const milestonesSchema = z
  .looseObject({
    start: date(doc('Response start date.')).optional(),
    planned_done: date(doc('Planned completion date.')).optional(),
    feedback_due: date(doc('Date by which customer feedback is collected.')).optional(),
  })
  .meta(doc('Milestones of the response (时间节点).'));

export const resourcesSchema = z
  .looseObject({
    people: stringList(doc('People involved.')).optional(),
    budget: z.union([z.string(), z.number()]).meta(doc('Budget.')).optional(),
    departments: stringList(doc('Departments that collaborate.')).optional(),
  })
  .meta(doc('Resources to coordinate (资源协调).'));

export const reviewSchema = z
  .looseObject({
    date: date(doc('Review date.')),
    by: oneOrMany(doc('Who took part.')).optional(),
    result: aliasedEnum(REVIEW_RESULTS, doc('Outcome of the review.')).optional(),
    note: text(doc('Note.')).optional(),
  })
  .meta(doc('A priority review (需求优先级评审).'));

export const feedbackSchema = z
  .looseObject({
    date: date(doc('Feedback date.')),
    satisfaction: score(doc('Customer satisfaction, 1–5.')).optional(),
    channel: text(doc('How it was collected (phone, survey…).')).optional(),
    customer: text(doc('Which customer, when the requirement has more than one.')).optional(),
    note: text(doc('What the customer said.')).optional(),
  })
  .meta(doc('Customer feedback (客户反馈).'));

export const changeSchema = z
  .looseObject({
    date: date(doc('Date of the change request.')),
    request: text(doc('What is requested to change.')),
    decision: aliasedEnum(CHANGE_DECISIONS, doc('Decision on the change.')).optional(),
    note: text(doc('Note.')).optional(),
    decided: date(doc('Date of the decision, after the assessment (变更评估).')).optional(),
    implemented: date(doc('Date the change was implemented (变更实施).')).optional(),
    ref: text(doc('Commit, branch or other reference of the implementation.')).optional(),
    fed_back: date(doc('Date the outcome was fed back to the customer (变更反馈).')).optional(),
    fed_back_note: text(doc('What the customer was told, or answered.')).optional(),
  })
  .meta(doc('A change request (需求变更管理): requested, decided, implemented, fed back.'));

/**
 * The stages of a change request after its request, in order (the guide's 变更申请 → 变更评估 →
 * 变更实施 → 变更反馈): each a date field of the entry. Words users write for a stage in
 * `decision` (it is not one) name the field that records it.
 */
export const CHANGE_STAGES = ['date', 'decided', 'implemented', 'fed_back'] as const;
export const CHANGE_STAGE_WORDS: Readonly<Record<string, 'implemented' | 'fed_back'>> = {
  implemented: 'implemented',
  done: 'implemented',
  实施: 'implemented',
  已实施: 'implemented',
  已实现: 'implemented',
  完成: 'implemented',
  已完成: 'implemented',
  'fed back': 'fed_back',
  'fed-back': 'fed_back',
  fed_back: 'fed_back',
  反馈: 'fed_back',
  已反馈: 'fed_back',
};

export const requirementSchema = z
  .looseObject({
    id: text(doc('Unique requirement ID, e.g. REQ-2024-001 or 需求-2024-001.')),
    title: text(doc('Short, concrete title.')),
    type: aliasedEnum(REQUIREMENT_TYPES, doc('Requirement type (需求类型).')),
    status: aliasedEnum(STATUSES, doc('Where the requirement is in the workflow.')),
    customer: customerSchema.optional(),
    requesters: z.array(requesterSchema).meta(doc('Further customers who asked for the same requirement (需求方).')).optional(),
    source: aliasedEnum(SOURCES, doc('Where the requirement came from (需求来源).')).optional(),
    submitted: date(doc('Date submitted (提交时间).')).optional(),
    horizon: aliasedEnum(HORIZONS, doc('Urgency class (紧急程度): immediate, short-term, long-term.')).optional(),
    category: aliasedEnum(
      REQUIREMENT_CATEGORIES,
      doc('The guide’s classification (需求分类): functional, non-functional or business; a second axis beside type.'),
    ).optional(),
    scores: scoresSchema.optional(),
    priority: z
      .enum(['P1', 'P2', 'P3'])
      .meta({ ...doc('Priority; derived from importance × urgency when absent.'), 'x-enum-docs': PRIORITIES })
      .optional(),
    priority_reason: text(doc('Why the stored priority overrules the derived one.')).optional(),
    moscow: aliasedEnum(MOSCOW, doc('MoSCoW class.')).optional(),
    kano: aliasedEnum(KANO, doc('Kano class.')).optional(),
    strategy: aliasedEnum(STRATEGIES, doc('Response strategy (响应策略).')).optional(),
    decline_reason: z.string().nullable().meta(doc('Why the requirement cannot be met (required when declined).')).optional(),
    owner: text(doc('Who owns the requirement.')).optional(),
    related: stringList(doc('Related order or project numbers (关联订单/项目编号), or other requirement IDs.')).optional(),
    tasks: z.array(taskSchema).meta(doc('Tasks of the response plan (具体措施).')).optional(),
    resources: resourcesSchema.optional(),
    milestones: milestonesSchema.optional(),
    reviews: z.array(reviewSchema).meta(doc('Priority reviews.')).optional(),
    risks: stringList(doc('Foreseen risks (风险预判).')).optional(),
    feedback: z.array(feedbackSchema).meta(doc('Customer feedback entries.')).optional(),
    no_feedback_reason: text(
      doc('Why no customer feedback was collected (asked for when a record is closed without feedback).'),
    ).optional(),
    changes: z.array(changeSchema).meta(doc('Change requests.')).optional(),
    contacts: z.array(contactSchema).meta(doc('Contacts with the customer: calls, e-mails, meetings (定期沟通).')).optional(),
    merged_ids: stringList(doc('IDs of requirements merged into this one: commits and links that name them lead here.')).optional(),
    outcome: outcomeSchema.optional(),
    lessons: text(doc('Lessons learned, written when closed (记录成功经验).')).optional(),
  })
  .meta({
    title: 'ReqDesk requirement',
    ...doc('Front-matter of one customer requirement file.'),
  });

export type Requirement = z.output<typeof requirementSchema>;
export type RequirementType = keyof typeof REQUIREMENT_TYPES;
export type RequirementCategory = keyof typeof REQUIREMENT_CATEGORIES;
export type Status = keyof typeof STATUSES;
export type Priority = keyof typeof PRIORITIES;
export type Task = z.output<typeof taskSchema>;
export type CustomerSize = keyof typeof CUSTOMER_SIZES;
export type Source = keyof typeof SOURCES;
export type Degree = keyof typeof DEGREES;
export type Outcome = z.output<typeof outcomeSchema>;
export type Horizon = keyof typeof HORIZONS;

/** Keys that must be present in every record. */
export const REQUIRED_KEYS = ['id', 'title', 'type', 'status'] as const;

/**
 * The JSON Schema written to schemas/requirement.schema.json (what editors see of the input). It
 * carries the documentation in Chinese too (`x-description-zh`, and `zh` of each enum value), which
 * editors without ReqDesk show: taken from the catalog when the file is written.
 */
export function requirementJsonSchema(): Record<string, unknown> {
  return withChineseDocs(z.toJSONSchema(requirementSchema, { io: 'input', target: 'draft-2020-12' })) as Record<string, unknown>;
}

/** The JSON Schema's second language (its `x-description-zh` and `zh` keys). */
const CHINESE: Language = 'zh-cn';

/**
 * A copy of a JSON Schema node with each English text followed by its Chinese: `x-description-zh`
 * right after a `description`, `zh` right after an enum value's `en` (the order the file has always had).
 */
function withChineseDocs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withChineseDocs);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'x-enum-docs' ? withChineseValueDocs(value as Record<string, EnumValueDoc>) : withChineseDocs(value);
    if (key === 'description' && typeof value === 'string') out['x-description-zh'] = localize(CHINESE, value);
  }
  return out;
}

function withChineseValueDocs(docs: Readonly<Record<string, EnumValueDoc>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(docs).map(([value, d]) => {
      const { en, ...rest } = d;
      return [value, { en, zh: localize(CHINESE, en), ...rest }];
    }),
  );
}

type AnySchema = z.ZodType;

/** Unwraps optional / nullable / pipes so that the object or array inside can be inspected. */
function unwrap(schema: AnySchema): AnySchema {
  let current: AnySchema = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnySchema;
    else if (current instanceof z.ZodPipe) current = current.in as AnySchema;
    else break;
  }
  return current;
}

/**
 * The schema at a YAML path (numbers index arrays), or undefined outside the known record: what
 * near-miss keys, hovers and completion need to know.
 */
export function schemaAt(path: readonly (string | number)[]): AnySchema | undefined {
  let current: AnySchema | undefined = requirementSchema;
  for (const segment of path) {
    if (!current) return undefined;
    const inner = unwrap(current);
    if (typeof segment === 'number') {
      current = inner instanceof z.ZodArray ? (inner.element as AnySchema) : undefined;
    } else if (inner instanceof z.ZodObject) {
      current = (inner.shape as Record<string, AnySchema>)[segment];
    } else return undefined;
  }
  return current;
}

/** The known keys of the object at a path (empty when the path is not an object of the record). */
const knownKeysByShape = new Map<string, string[]>();

/** The shape of a path: list indexes folded to `[]` (`tasks.[].id`), the key of `knownKeysAtShape`. */
export function pathShape(path: readonly (string | number)[]): string {
  return path.map((s) => (typeof s === 'number' ? '[]' : s)).join('.');
}

export function knownKeysAt(path: readonly (string | number)[]): string[] {
  return knownKeysAtShape(pathShape(path), path);
}

/** Memoised by shape: validation asks for every item of every list of every file. */
export function knownKeysAtShape(shape: string, path?: readonly (string | number)[]): string[] {
  let keys = knownKeysByShape.get(shape);
  if (!keys) {
    const segments = path ?? (shape === '' ? [] : shape.split('.').map((s) => (s === '[]' ? 0 : s)));
    const schema = schemaAt(segments);
    const inner = schema && unwrap(schema);
    keys = inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
    knownKeysByShape.set(shape, keys);
  }
  return keys;
}

/** Whether the field at a path reads one text as a list of one (`depends: T1` is `[T1]`, list indexes as numbers). */
export function readsOneAsList(path: readonly (string | number)[]): boolean {
  let current = schemaAt(path);
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnySchema;
  return current !== undefined && ONE_OR_MANY.has(current);
}

/** Field documentation at a path, for hovers and completion. */
export function fieldDocAt(path: readonly (string | number)[]): FieldDoc | undefined {
  let current: AnySchema | undefined = schemaAt(path);
  // The documentation sits on whichever wrapper `.meta()` was called on: look at each layer.
  for (let guard = 0; current && guard < 10; guard++) {
    const meta = current.meta() as Partial<FieldDoc> | undefined;
    if (meta?.description) return { description: meta.description };
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnySchema;
    else if (current instanceof z.ZodPipe) current = current.in as AnySchema;
    else break;
  }
  return undefined;
}

/** Alias → canonical value and value docs of the enum at a path, when it is one of ours. */
export function enumAt(
  path: readonly (string | number)[],
): { canonical: readonly string[]; aliasTo: ReadonlyMap<string, string>; valueDocs: Readonly<Record<string, EnumValueDoc>> } | undefined {
  const schema = schemaAt(path);
  let current: unknown = schema;
  for (let guard = 0; guard < 5 && current; guard++) {
    if (typeof current === 'object' && current !== null && 'aliasTo' in current) {
      return current as { canonical: readonly string[]; aliasTo: ReadonlyMap<string, string>; valueDocs: Record<string, EnumValueDoc> };
    }
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else break;
  }
  if (path[path.length - 1] === 'priority' && path.length === 1) {
    return { canonical: ['P1', 'P2', 'P3'], aliasTo: new Map(), valueDocs: PRIORITIES };
  }
  return undefined;
}

type Segment = string | number;

/**
 * Top-level fields that classify along different axes and are easily confused: a value of one
 * written in the other is moved, never replaced by a look-alike of a different meaning.
 */
const SIBLING_AXES: Readonly<Record<string, readonly string[]>> = { type: ['category'], category: ['type'] };

/**
 * The top-level field whose value `value` is (canonical or alias), when it is written under
 * `path` where it is not valid: `type: 非功能需求` is the category `non-functional`.
 */
export function fieldOfMisplacedValue(path: readonly Segment[], value: string): { field: string; value: string } | undefined {
  if (path.length !== 1 || typeof path[0] !== 'string') return undefined;
  for (const field of SIBLING_AXES[path[0]] ?? []) {
    const info = enumAt([field]);
    if (!info) continue;
    const canonical = info.canonical.includes(value) ? value : info.aliasTo.get(value);
    if (canonical !== undefined) return { field, value: canonical };
  }
  return undefined;
}

interface AliasPath {
  shape: string[];
  aliasTo: ReadonlyMap<string, string>;
}

/** Every path of the record that holds an aliased enum, list items as `[]`, read from the schema. */
function collectAliasPaths(schema: AnySchema, path: string[], out: AliasPath[]): AliasPath[] {
  const inner = unwrap(schema);
  const aliasTo = (inner as unknown as { aliasTo?: ReadonlyMap<string, string> }).aliasTo;
  if (aliasTo) out.push({ shape: path, aliasTo });
  else if (inner instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(inner.shape as Record<string, AnySchema>)) collectAliasPaths(child, [...path, key], out);
  } else if (inner instanceof z.ZodArray) collectAliasPaths(inner.element as AnySchema, [...path, '[]'], out);
  return out;
}

let aliasPaths: AliasPath[] | undefined;

export interface AliasUse {
  path: Segment[];
  alias: string;
  value: string;
}

/**
 * Replaces aliases by their canonical values in parsed data (in place) and says where they were:
 * `type: 功能` becomes `type: functional`. With `apply` false it only says where they are.
 */
export function normalizeAliases(data: Record<string, unknown>, apply = true): AliasUse[] {
  aliasPaths ??= collectAliasPaths(requirementSchema, [], []);
  const uses: AliasUse[] = [];
  // One shared path, copied only when an alias is found: this runs on every file of the index.
  const path: Segment[] = [];
  const visit = (node: unknown, target: AliasPath, at: number): void => {
    if (node === null || typeof node !== 'object') return;
    const segment = target.shape[at]!;
    if (segment === '[]') {
      if (!Array.isArray(node)) return;
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i], target, at + 1);
        path.pop();
      }
      return;
    }
    const map = node as Record<string, unknown>;
    const value = map[segment];
    if (value === undefined) return;
    if (at < target.shape.length - 1) {
      path.push(segment);
      visit(value, target, at + 1);
      path.pop();
      return;
    }
    const canonical = typeof value === 'string' ? target.aliasTo.get(value) : undefined;
    if (canonical !== undefined) {
      if (apply) map[segment] = canonical;
      uses.push({ path: [...path, segment], alias: value as string, value: canonical });
    }
  };
  for (const target of aliasPaths) visit(data, target, 0);
  return uses;
}

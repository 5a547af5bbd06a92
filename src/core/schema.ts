// The record's single source of truth: every front-matter field, its type, its documentation in
// English and Chinese, and the Chinese aliases each enum accepts. Validation, the JSON Schema in
// schemas/, hovers and completion are all read from here.
import * as z from 'zod';

/** Documentation carried by every field (JSON Schema: `description` and `x-description-zh`). */
export interface FieldDoc {
  [key: string]: unknown;
  description: string;
  'x-description-zh': string;
}

const doc = (en: string, zh: string): FieldDoc => ({ description: en, 'x-description-zh': zh });

export interface EnumValueDoc {
  en: string;
  zh: string;
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
  functional: { en: 'Functional: a feature the product must provide.', zh: '功能需求：产品需提供的具体功能。', aliases: ['功能', '功能需求'] },
  experience: { en: 'Experience: how using it feels — flows, speed, clarity.', zh: '体验需求：操作流程、速度、易用性。', aliases: ['体验', '体验需求'] },
  business: { en: 'Business: prices, discounts, payment terms, contracts.', zh: '商务需求：价格折扣、付款周期、合同。', aliases: ['商务', '商务需求'] },
  service: { en: 'Service: support, response times, training, after-sales.', zh: '服务需求：售后响应时效、培训、支持。', aliases: ['服务', '服务需求'] },
} as const;

export const STATUSES = {
  new: { en: 'New: collected, not yet analysed.', zh: '新建：已收集，尚未分析。', aliases: ['新建'] },
  analyzing: { en: 'Analyzing: being classified and assessed.', zh: '分析中：正在分类与评估。', aliases: ['分析中', 'analysing'] },
  planned: { en: 'Planned: a response plan exists.', zh: '已计划：已制定响应方案。', aliases: ['已计划'] },
  'in-progress': { en: 'In progress: tasks are being executed.', zh: '进行中：任务执行中。', aliases: ['进行中'] },
  delivered: { en: 'Delivered: handed to the customer, awaiting verification.', zh: '已交付：已交付客户，待验证。', aliases: ['已交付'] },
  verified: { en: 'Verified: the customer confirmed it meets the goal.', zh: '已验证：客户确认满足目标。', aliases: ['已验证'] },
  closed: { en: 'Closed: done and archived, lessons recorded.', zh: '已关闭：已归档并记录经验。', aliases: ['已关闭', '已归档'] },
  declined: { en: 'Declined: will not be met (see decline_reason).', zh: '已拒绝：无法满足（见 decline_reason）。', aliases: ['已拒绝'] },
  'on-hold': { en: 'On hold: deferred for now.', zh: '搁置：暂缓处理。', aliases: ['搁置', '暂缓'] },
} as const;

export const CUSTOMER_SIZES = {
  small: { en: 'Small company.', zh: '小型企业。', aliases: ['小型'] },
  medium: { en: 'Medium-sized company.', zh: '中型企业。', aliases: ['中型'] },
  large: { en: 'Large company.', zh: '大型企业。', aliases: ['大型'] },
  enterprise: { en: 'Enterprise or group.', zh: '集团/超大型企业。', aliases: ['集团', '超大型'] },
} as const;

export const CUSTOMER_TIERS = {
  new: { en: 'New customer: first cooperation.', zh: '新客户：首次合作诉求。', aliases: ['新客户'] },
  existing: { en: 'Existing customer: renewal or upsell.', zh: '老客户：续约/增购诉求。', aliases: ['老客户'] },
  key: { en: 'Key (high-value) customer: customisation gets precedence.', zh: '高价值客户：定制化优先。', aliases: ['高价值客户', '重点客户'] },
} as const;

export const SOURCES = {
  survey: { en: 'Questionnaire survey (many customers).', zh: '问卷调研（大规模客户）。', aliases: ['问卷', '问卷调研', '问卷调查'] },
  interview: { en: 'In-depth interview (key customers).', zh: '深度访谈（重点客户）。', aliases: ['访谈', '深度访谈'] },
  history: { en: 'Order or complaint history.', zh: '历史数据（订单/投诉记录）。', aliases: ['历史数据', '历史记录'] },
  'feedback-form': { en: 'Customer feedback form after service.', zh: '客户反馈表（服务后提交）。', aliases: ['反馈表', '客户反馈表'] },
  'sales-log': { en: 'Sales log.', zh: '销售日志。', aliases: ['销售日志'] },
  'support-log': { en: 'Support log.', zh: '客服日志。', aliases: ['客服日志'] },
  'market-research': { en: 'Market research.', zh: '市场调研。', aliases: ['市场调研'] },
  complaint: { en: 'Complaint.', zh: '投诉。', aliases: ['投诉'] },
} as const;

export const HORIZONS = {
  immediate: { en: 'Immediate: affects the current cooperation.', zh: '立即需求：影响当前合作。', aliases: ['立即', '立即需求'] },
  'short-term': { en: 'Short-term: solve within 1–2 weeks.', zh: '短期需求：1-2周内解决。', aliases: ['短期', '短期需求'] },
  'long-term': { en: 'Long-term: quarterly or yearly planning.', zh: '长期需求：季度/年度规划。', aliases: ['长期', '长期需求'] },
} as const;

export const PRIORITIES = {
  P1: { en: 'P1 — urgent and important: do now.', zh: 'P1 紧急且重要：立即处理。' },
  P2: { en: 'P2 — important but not urgent, or urgent but not important: plan it.', zh: 'P2 重要不紧急/紧急不重要：计划处理。' },
  P3: { en: 'P3 — neither urgent nor important: defer.', zh: 'P3 不紧急不重要：暂缓处理。' },
} as const;

export const MOSCOW = {
  must: { en: 'Must have.', zh: '必须有。', aliases: ['必须'] },
  should: { en: 'Should have.', zh: '应该有。', aliases: ['应该'] },
  could: { en: 'Could have.', zh: '可以有。', aliases: ['可以'] },
  wont: { en: "Won't have this time.", zh: '这次不做。', aliases: ["won't", '不做'] },
} as const;

export const KANO = {
  basic: { en: 'Basic (must-be) quality.', zh: '基本型需求。', aliases: ['基本型'] },
  performance: { en: 'Performance (one-dimensional) quality.', zh: '期望型需求。', aliases: ['期望型'] },
  excitement: { en: 'Excitement (attractive) quality.', zh: '兴奋型需求。', aliases: ['兴奋型', '魅力型'] },
  indifferent: { en: 'Indifferent quality.', zh: '无差异型需求。', aliases: ['无差异型'] },
  reverse: { en: 'Reverse quality.', zh: '反向型需求。', aliases: ['反向型'] },
} as const;

export const STRATEGIES = {
  full: { en: 'Full: the requirement is met.', zh: '满足需求。', aliases: ['满足', '满足需求'] },
  partial: { en: 'Partial: met in part.', zh: '部分满足需求。', aliases: ['部分满足', '部分满足需求'] },
  alternative: { en: 'Alternative: another solution is offered.', zh: '替代方案。', aliases: ['替代方案'] },
  declined: { en: 'Declined: cannot be met; give the reason and negotiate.', zh: '无法满足：需说明原因并协商。', aliases: ['无法满足'] },
} as const;

export const TASK_STATUSES = {
  todo: { en: 'To do.', zh: '待办。', aliases: ['待办', '未开始'] },
  doing: { en: 'Doing.', zh: '进行中。', aliases: ['进行中'] },
  done: { en: 'Done.', zh: '已完成。', aliases: ['完成', '已完成'] },
  blocked: { en: 'Blocked.', zh: '阻塞。', aliases: ['阻塞'] },
} as const;

export const REVIEW_RESULTS = {
  confirmed: { en: 'The order was confirmed.', zh: '确认。', aliases: ['确认'] },
  changed: { en: 'The order was changed.', zh: '调整。', aliases: ['调整'] },
} as const;

export const CHANGE_DECISIONS = {
  pending: { en: 'Pending assessment.', zh: '待评估。', aliases: ['待定', '待评估'] },
  approved: { en: 'Approved.', zh: '已批准。', aliases: ['批准', '已批准'] },
  rejected: { en: 'Rejected.', zh: '已驳回。', aliases: ['驳回', '已驳回'] },
} as const;

/** The seed's meaning of each score level, shown in hovers and pick lists. */
export const SCORE_LEVELS = {
  importance: doc(
    'Impact on the customer’s decision or business result: 5 = decides whether the customer renews; 3 = only improves experience.',
    '对客户决策/业务结果的影响程度：5分 = 直接影响客户是否续约；3分 = 仅优化体验。',
  ),
  urgency: doc(
    'Time pressure: 5 = the customer suspends payment until it is solved; 1 = can wait for the next iteration.',
    '需求满足的时间压力：5分 = 客户因需求未解决暂停付款；1分 = 可下次迭代解决。',
  ),
  feasibility: doc(
    'Can current resources and technology support it: 5 = an existing module extends; 2 = needs a 3-month development cycle.',
    '现有资源/技术能否支持：5分 = 现有模块可扩展；2分 = 需研发周期3个月。',
  ),
  value: doc('Expected customer value (satisfaction, order growth), for ROI.', '预期客户价值（满意度提升/订单增长），用于投入产出比。'),
  effort: doc('Expected cost (people, time), for ROI.', '预计投入成本（人力/时间），用于投入产出比。'),
} as const;

const text = (d: FieldDoc) => z.string().meta(d);
const date = (d: FieldDoc) => z.iso.date().meta(d);
const score = (d: FieldDoc) => z.number().int().min(1).max(5).meta(d);
const stringList = (d: FieldDoc) => z.array(z.string()).meta(d);
/** `depends: T1` is read as `[T1]`: people write the single form. */
const oneOrMany = (d: FieldDoc) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .meta(d);

export const customerSchema = z
  .looseObject({
    name: text(doc('Customer name.', '客户名称。')),
    contact: text(doc('Contact person.', '联系人。')).optional(),
    industry: text(doc('Industry.', '客户行业。')).optional(),
    size: aliasedEnum(CUSTOMER_SIZES, doc('Company size.', '客户规模。')).optional(),
    tier: aliasedEnum(CUSTOMER_TIERS, doc('Customer tier: new, existing or key.', '客户属性：新客户、老客户或高价值客户。')).optional(),
  })
  .meta(doc('The customer who raised the requirement (客户背景).', '提出需求的客户（客户背景）。'));

export const scoresSchema = z
  .looseObject({
    importance: score(SCORE_LEVELS.importance).optional(),
    urgency: score(SCORE_LEVELS.urgency).optional(),
    feasibility: score(SCORE_LEVELS.feasibility).optional(),
    value: score(SCORE_LEVELS.value).optional(),
    effort: score(SCORE_LEVELS.effort).optional(),
  })
  .meta(doc('Assessment scores, 1–5 each (需求评估).', '评估分数，各 1–5 分（需求评估）。'));

export const taskSchema = z
  .looseObject({
    id: text(doc('Task ID, unique within the requirement (T1, T2, …).', '任务编号，在本需求内唯一（T1、T2…）。')),
    title: text(doc('What the task delivers, at the smallest useful grain.', '任务内容，拆解到最小颗粒度。')),
    owner: text(doc('Who is responsible.', '负责人。')).optional(),
    start: date(doc('Start date (YYYY-MM-DD). Give either start or depends.', '开始日期（YYYY-MM-DD）。start 与 depends 至少给一个。')).optional(),
    depends: oneOrMany(doc('Tasks of this requirement that must end first.', '需先完成的本需求内任务。')).optional(),
    days: z.number().int().min(0).meta(doc('Duration in working days.', '工期（工作日）。')).optional(),
    status: aliasedEnum(TASK_STATUSES, doc('Task status.', '任务状态。')).optional(),
  })
  .meta(doc('One task of the response plan.', '响应方案中的一个任务。'));

export const milestonesSchema = z
  .looseObject({
    start: date(doc('Response start date.', '开始时间。')).optional(),
    planned_done: date(doc('Planned completion date.', '计划完成时间。')).optional(),
    feedback_due: date(doc('Date by which customer feedback is collected.', '客户反馈时间。')).optional(),
  })
  .meta(doc('Milestones of the response (时间节点).', '响应时间节点。'));

export const resourcesSchema = z
  .looseObject({
    people: stringList(doc('People involved.', '所需人力。')).optional(),
    budget: z.union([z.string(), z.number()]).meta(doc('Budget.', '预算。')).optional(),
    departments: stringList(doc('Departments that collaborate.', '跨部门协作。')).optional(),
  })
  .meta(doc('Resources to coordinate (资源协调).', '资源协调：人力、预算、部门。'));

export const reviewSchema = z
  .looseObject({
    date: date(doc('Review date.', '评审日期。')),
    by: oneOrMany(doc('Who took part.', '评审人。')).optional(),
    result: aliasedEnum(REVIEW_RESULTS, doc('Outcome of the review.', '评审结果。')).optional(),
    note: text(doc('Note.', '备注。')).optional(),
  })
  .meta(doc('A priority review (需求优先级评审).', '一次需求优先级评审。'));

export const feedbackSchema = z
  .looseObject({
    date: date(doc('Feedback date.', '反馈日期。')),
    satisfaction: score(doc('Customer satisfaction, 1–5.', '客户满意度，1–5 分。')).optional(),
    channel: text(doc('How it was collected (phone, survey…).', '收集方式（电话回访、问卷…）。')).optional(),
    note: text(doc('What the customer said.', '客户评价。')).optional(),
  })
  .meta(doc('Customer feedback (客户反馈).', '客户反馈。'));

export const changeSchema = z
  .looseObject({
    date: date(doc('Date of the change request.', '变更申请日期。')),
    request: text(doc('What is requested to change.', '变更内容。')),
    decision: aliasedEnum(CHANGE_DECISIONS, doc('Decision on the change.', '变更决定。')).optional(),
    note: text(doc('Note.', '备注。')).optional(),
  })
  .meta(doc('A change request (需求变更管理).', '需求变更申请。'));

export const requirementSchema = z
  .looseObject({
    id: text(doc('Unique requirement ID, e.g. REQ-2024-001 or 需求-2024-001.', '需求唯一编号，如 需求-2024-001。')),
    title: text(doc('Short, concrete title.', '简短、具体的需求标题。')),
    type: aliasedEnum(REQUIREMENT_TYPES, doc('Requirement type (需求类型).', '需求类型：功能、体验、商务、服务。')),
    status: aliasedEnum(STATUSES, doc('Where the requirement is in the workflow.', '需求所处的流程阶段。')),
    customer: customerSchema.optional(),
    source: aliasedEnum(SOURCES, doc('Where the requirement came from (需求来源).', '需求来源。')).optional(),
    submitted: date(doc('Date submitted (提交时间).', '提交时间。')).optional(),
    horizon: aliasedEnum(HORIZONS, doc('Urgency class (紧急程度): immediate, short-term, long-term.', '紧急程度：立即、短期、长期。')).optional(),
    scores: scoresSchema.optional(),
    priority: z
      .enum(['P1', 'P2', 'P3'])
      .meta({ ...doc('Priority; derived from importance × urgency when absent.', '优先级；缺省时由重要性×紧急性推导。'), 'x-enum-docs': PRIORITIES })
      .optional(),
    priority_reason: text(doc('Why the stored priority overrules the derived one.', '存储的优先级与推导结果不同的原因。')).optional(),
    moscow: aliasedEnum(MOSCOW, doc('MoSCoW class.', 'MoSCoW 分类。')).optional(),
    kano: aliasedEnum(KANO, doc('Kano class.', 'Kano 分类。')).optional(),
    strategy: aliasedEnum(STRATEGIES, doc('Response strategy (响应策略).', '响应策略。')).optional(),
    decline_reason: z
      .string()
      .nullable()
      .meta(doc('Why the requirement cannot be met (required when declined).', '无法满足的原因（策略为无法满足时必填）。'))
      .optional(),
    owner: text(doc('Who owns the requirement.', '需求负责人。')).optional(),
    related: stringList(doc('Related order or project numbers (关联订单/项目编号), or other requirement IDs.', '关联订单/项目编号或其他需求编号。')).optional(),
    tasks: z.array(taskSchema).meta(doc('Tasks of the response plan (具体措施).', '具体措施：拆解后的任务。')).optional(),
    resources: resourcesSchema.optional(),
    milestones: milestonesSchema.optional(),
    reviews: z.array(reviewSchema).meta(doc('Priority reviews.', '需求优先级评审记录。')).optional(),
    risks: stringList(doc('Foreseen risks (风险预判).', '风险预判。')).optional(),
    feedback: z.array(feedbackSchema).meta(doc('Customer feedback entries.', '客户反馈记录。')).optional(),
    changes: z.array(changeSchema).meta(doc('Change requests.', '需求变更记录。')).optional(),
    lessons: text(doc('Lessons learned, written when closed (记录成功经验).', '成功经验，关闭时记录。')).optional(),
  })
  .meta({
    title: 'ReqDesk requirement',
    ...doc('Front-matter of one customer requirement file.', '一个客户需求文件的 front-matter。'),
  });

export type Requirement = z.output<typeof requirementSchema>;
export type RequirementType = keyof typeof REQUIREMENT_TYPES;
export type Status = keyof typeof STATUSES;
export type Priority = keyof typeof PRIORITIES;
export type Task = z.output<typeof taskSchema>;
export type CustomerSize = keyof typeof CUSTOMER_SIZES;
export type Source = keyof typeof SOURCES;
export type Horizon = keyof typeof HORIZONS;

/** Keys that must be present in every record. */
export const REQUIRED_KEYS = ['id', 'title', 'type', 'status'] as const;

/** The JSON Schema written to schemas/requirement.schema.json (what editors see of the input). */
export function requirementJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(requirementSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
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

/** Field documentation at a path, for hovers and completion. */
export function fieldDocAt(path: readonly (string | number)[]): FieldDoc | undefined {
  let current: AnySchema | undefined = schemaAt(path);
  // The documentation sits on whichever wrapper `.meta()` was called on: look at each layer.
  for (let guard = 0; current && guard < 10; guard++) {
    const meta = current.meta() as Partial<FieldDoc> | undefined;
    if (meta?.description && meta['x-description-zh']) return { description: meta.description, 'x-description-zh': meta['x-description-zh'] };
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnySchema;
    else if (current instanceof z.ZodPipe) current = current.in as AnySchema;
    else break;
  }
  return undefined;
}

/** Alias → canonical value and value docs of the enum at a path, when it is one of ours. */
export function enumAt(path: readonly (string | number)[]):
  | { canonical: readonly string[]; aliasTo: ReadonlyMap<string, string>; valueDocs: Readonly<Record<string, EnumValueDoc>> }
  | undefined {
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

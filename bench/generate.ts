// The bench's requirement files: like the examples, with nested maps, three tasks and Chinese text.

const TYPES = ['functional', 'experience', 'business', 'service'] as const;
const STATUSES = ['new', 'analyzing', 'planned', 'in-progress', 'delivered'] as const;
const CUSTOMERS = ['华东制造', '客户A', 'Northwind Logistics', '华美超市', 'Contoso Retail'];

/** A record like the examples: ~1.5 KB, nested maps, three tasks with a dependency chain, Chinese text. */
export function benchRecord(i: number): string {
  const seq = String(i + 1).padStart(5, '0');
  const importance = (i % 5) + 1;
  const urgency = ((i * 7) % 5) + 1;
  const month = String((i % 12) + 1).padStart(2, '0');
  return `---
id: 需求-2026-${seq}
title: 生产设备能耗监控第${i}期 # 示例
type: ${TYPES[i % 4]}
status: ${STATUSES[i % 5]}
customer:
  name: ${CUSTOMERS[i % CUSTOMERS.length]}
  contact: 王经理
  industry: 制造业
  size: medium
  tier: existing
source: interview
submitted: 2026-${month}-03
horizon: short-term
scores:
  importance: ${importance}
  urgency: ${urgency}
  feasibility: 3
owner: 张三
related: [ORDER-2026-${seq}]
tasks:
  - id: T1
    title: 前端UI设计
    owner: 李四
    start: 2026-${month}-05
    days: 3
    status: done
  - id: T2
    title: 后端数据接口开发
    owner: 王五
    depends: [T1]
    days: 5
    status: doing
  - id: T3
    title: 联调与验收
    owner: 赵六
    depends: [T2]
    days: 2
milestones:
  start: 2026-${month}-05
  planned_done: 2026-${month}-25
  feedback_due: 2026-${month}-28
resources:
  people: [李四, 王五, 赵六]
  budget: 第三方工具采购 2万元
  departments: [技术部, 市场部]
reviews:
  - date: 2026-${month}-04
    by: [产品经理, 技术负责人]
    result: confirmed
    note: 影响续约，维持优先级
risks:
  - 开发周期可能延迟，需提前与客户沟通预期
---
# 生产设备能耗监控第${i}期

## 需求描述
实时监控生产设备能耗，并在手机端一键查看设备实时能耗数据。

## 客户背景
制造业中型企业，老客户，续约谈判中。

## 需求场景
设备老化导致能耗异常，需要数据支持优化决策。见 需求-2024-001。

## 期望目标
能耗成本降低 15%。
`;
}

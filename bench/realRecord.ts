// The real-bodies corpus's records: each one a real proposal's Markdown body under ReqDesk
// front-matter (renumbered ID, scores, tasks) and the four essentials, a fixed share of them with
// the problems teams really leave in their files.
import { priorityFromScores } from '../src/core/priority';

/** "Today" for the corpus: late tasks are late as of this date, whenever the bench runs. */
export const BENCH_DATE = '2026-11-25';

/** A proposal as the corpus uses it: its title, its first author and its body after the front-matter. */
export interface Proposal {
  /** The proposal's number, as its file name gives it (TEP-0090). */
  tep: string;
  title: string;
  author: string;
  body: string;
}

/** The problem record `i` is written with, if any: 15 % late tasks, 10 % an empty essential, 5 % a priority mismatch. */
export type PlannedProblem = 'task-late' | 'essential-empty' | 'priority-mismatch';

export function plannedProblem(i: number): PlannedProblem | undefined {
  const slot = i % 20;
  if (slot < 3) return 'task-late';
  if (slot === 3 || slot === 13) return 'essential-empty';
  if (slot === 5) return 'priority-mismatch';
  return undefined;
}

const TYPES = ['functional', 'experience', 'business', 'service'] as const;
const STATUSES = ['new', 'analyzing', 'planned', 'in-progress', 'delivered'] as const;
const CUSTOMERS = ['Northwind Logistics', 'Contoso Retail', '华东制造', 'Fabrikam Cloud', '客户A'];
const PRIORITIES = ['P1', 'P2', 'P3'] as const;

/** Record `i` (0-based): its ID is REQ-2026-{i + 1, five digits}; its body is the proposal's. */
export function realRecord(i: number, proposal: Proposal): string {
  const problem = plannedProblem(i);
  const seq = String(i + 1).padStart(5, '0');
  const importance = (i % 5) + 1;
  const urgency = ((i * 3) % 5) + 1;
  const derived = priorityFromScores(importance, urgency, 4)!;
  const priority = problem === 'priority-mismatch' ? PRIORITIES[(PRIORITIES.indexOf(derived) + 1) % 3] : derived;
  // Late: the chain ran in October and its last two tasks are still open on BENCH_DATE.
  // On time: the chain started the week before BENCH_DATE and ends after it.
  const start = problem === 'task-late' ? '2026-10-05' : '2026-11-16';
  const title = JSON.stringify(proposal.title);
  return `---
id: REQ-2026-${seq}
title: ${title}
type: ${TYPES[i % 4]}
status: ${STATUSES[i % 5]}
customer:
  name: ${CUSTOMERS[i % CUSTOMERS.length]}
  size: large
  tier: existing
source: interview
submitted: 2026-09-${String((i % 28) + 1).padStart(2, '0')}
horizon: short-term
scores:
  importance: ${importance}
  urgency: ${urgency}
  feasibility: 3
priority: ${priority}
owner: ${JSON.stringify(proposal.author)}
related: [${proposal.tep}]
tasks:
  - id: T1
    title: Write the design down
    owner: ${JSON.stringify(proposal.author)}
    start: ${start}
    days: 3
    status: done
  - id: T2
    title: Build it behind a feature flag
    depends: [T1]
    days: 8
    status: doing
  - id: T3
    title: Document and announce
    depends: [T2]
    days: 2
milestones:
  start: ${start}
  planned_done: 2026-12-11
  feedback_due: 2026-12-18
reviews:
  - date: 2026-10-01
    by: [Product manager, Tech lead]
    result: confirmed
---
# ${proposal.title}

## Description
${proposal.tep} as written in the proposal below: ${proposal.title}.

## Background
The customer runs Tekton pipelines for their own teams and asked for this in the last review.

## Scenario
${problem === 'essential-empty' ? '' : 'Their pipeline authors meet the limits the proposal describes every week.\n'}
## Goal
The proposal's goals are met in a release the customer can upgrade to.

${proposal.body}`;
}

// A representative pair of requests for the merge tests (core, CLI): the requirement merged into,
// the duplicate folded in, and the target's text after the merge. Not a test file itself.

export const TARGET = `---
id: REQ-2026-001   # the first request
title: "Export energy readings as CSV"
type: functional
status: analyzing
customer:
  name: Acme Plant
  tier: key
submitted: 2026-02-02
related: [ORDER-2026-11]
contacts:
  - date: 2026-02-10
    channel: phone
    summary: Agreed the columns
---
# Export energy readings as CSV

## Description
Export each device's readings of a month as one CSV file.

## Customer background
Acme Plant runs 180 meters.

## Scenario
The energy manager sends the monthly file to finance.

## Expected goal
One click, under 10 seconds.
`;

export const DUPLICATE = `---
id: REQ-2026-010
title: Monthly energy data in Excel
type: functional
status: new
customer:
  name: Borealis Foods
  contact: Li Wei
  tier: 老客户
source: interview
submitted: 2026-03-05
requesters:
  - name: Acme Plant
    date: 2026-03-06
  - name: Cobalt Mills
    date: 2026-03-07
    note: Same, for 3 sites
merged_ids: [REQ-2026-008]
contacts:
  - date: 2026-03-06
    channel: email
    summary: Sent a sample file
feedback:
  - date: 2026-03-20
    satisfaction: 4
    note: Columns are fine
---
# Monthly energy data in Excel

## Description
Finance wants the month's energy data per device in a spreadsheet.

## Customer background

## Scenario
Each month end the controller copies readings by hand.

Details
-------
Three plants, one sheet each.

## Expected goal
No manual copying.
`;

export const MERGED = `---
id: REQ-2026-001   # the first request
title: "Export energy readings as CSV"
type: functional
status: analyzing
customer:
  name: Acme Plant
  tier: key
submitted: 2026-02-02
related: [ORDER-2026-11]
contacts:
  - date: 2026-02-10
    channel: phone
    summary: Agreed the columns
  - date: 2026-03-06
    customer: Borealis Foods
    channel: email
    summary: Sent a sample file
requesters:
  - name: Borealis Foods
    contact: Li Wei
    tier: 老客户
    date: 2026-03-05
    source: interview
    note: Monthly energy data in Excel
  - name: Cobalt Mills
    date: 2026-03-07
    note: Same, for 3 sites
merged_ids:
  - REQ-2026-010
  - REQ-2026-008
feedback:
  - date: 2026-03-20
    customer: Borealis Foods
    satisfaction: 4
    note: Columns are fine
---
# Export energy readings as CSV

## Description
Export each device's readings of a month as one CSV file.

## Customer background
Acme Plant runs 180 meters.

## Scenario
The energy manager sends the monthly file to finance.

## Expected goal
One click, under 10 seconds.

## Merged from REQ-2026-010

### Monthly energy data in Excel

#### Description
Finance wants the month's energy data per device in a spreadsheet.

#### Scenario
Each month end the controller copies readings by hand.

#### Details
Three plants, one sheet each.

#### Expected goal
No manual copying.
`;

// Energy readings API: serves the dashboard and the mobile view.
// 完成需求-2024-001的开发：手机端一键查看设备实时能耗
// REQ-2026-003: the 24 h chart reads 1-minute rollups, not raw readings.

import type { IncomingMessage, ServerResponse } from "node:http";

export interface Reading {
  deviceId: string;
  deviceName: string;
  workshop: string;
  ts: string; // ISO 8601, UTC
  kw: number;
  kwhToday: number;
}

export interface ReadingStore {
  latest(workshop?: string): Promise<Reading[]>;
  rollups(deviceId: string, fromIso: string, toIso: string): Promise<Array<{ minute: string; kwh: number }>>;
}

/** GET /api/energy/latest?workshop=W2 — newest reading per device, refreshed every 60 s (需求-2024-001). */
export function latestHandler(store: ReadingStore) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const workshop = url.searchParams.get("workshop") ?? undefined;
    const readings = await store.latest(workshop);
    // Top 10 consumers first, as the workshop board shows them.
    readings.sort((a, b) => b.kwhToday - a.kwhToday);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "max-age=60" });
    res.end(JSON.stringify({ workshop: workshop ?? "all", count: readings.length, readings }));
  };
}

/** GET /api/energy/:deviceId/24h — rollups keep the p95 under 2 s for 180 devices (see REQ-2026-003). */
export function last24hHandler(store: ReadingStore) {
  return async (req: IncomingMessage, res: ServerResponse, deviceId: string): Promise<void> => {
    const to = new Date();
    const from = new Date(to.getTime() - 24 * 3600 * 1000);
    const points = await store.rollups(deviceId, from.toISOString(), to.toISOString());
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ deviceId, points }));
  };
}

"""CSV export of hourly energy readings (REQ-2024-003)."""

import csv
import io
from dataclasses import dataclass
from typing import Iterable

# implements REQ-2025-004: Excel on Windows needs the BOM to show Chinese device names
ENCODING = "utf-8-sig"
LEGACY_ENCODING = "gbk"  # the customer's ERP import only reads GBK

# Vendor SKU of the metering gateway, not one of our requirement IDs.
GATEWAY_SKU = "XREQ-2025-004"

COLUMNS = ["device_id", "device_name", "workshop", "hour", "kwh"]


@dataclass
class HourlyReading:
    device_id: str
    device_name: str
    workshop: str
    hour: str  # "2024-04-08T09:00"
    kwh: float


def export_csv(rows: Iterable[HourlyReading], legacy_erp: bool = False) -> bytes:
    """Return the file body; 见需求-2024-001 的月度能耗核算场景."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")  # CRLF for Excel
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.device_id, r.device_name, r.workshop, r.hour, f"{r.kwh:.3f}"])
    return buf.getvalue().encode(LEGACY_ENCODING if legacy_erp else ENCODING, errors="replace")


if __name__ == "__main__":
    sample = [HourlyReading("C-07", "空压机7号", "二车间", "2024-04-08T09:00", 41.25)]
    print(export_csv(sample)[:3] == b"\xef\xbb\xbf")  # True: BOM present

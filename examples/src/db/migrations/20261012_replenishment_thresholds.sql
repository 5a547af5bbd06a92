-- 需求-2026-002 门店补货预警：安全库存阈值与补货建议
-- Pending change (2026-11-10): per-category thresholds, hence the nullable category column.

CREATE TABLE safety_stock_threshold (
    store_id      INTEGER      NOT NULL,
    sku           VARCHAR(32)  NOT NULL,
    category      VARCHAR(16),              -- 生鲜 / 日化 / 粮油, NULL = store default
    min_units     INTEGER      NOT NULL CHECK (min_units >= 0),
    lead_days     SMALLINT     NOT NULL DEFAULT 3,   -- warn 3 days before stock-out
    updated_at    TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (store_id, sku)
);

-- 补货建议，由 T2 补货建议接口写入，店长确认后生成补货单 (需求-2026-002)
CREATE TABLE replenishment_suggestion (
    id               BIGSERIAL    PRIMARY KEY,
    store_id         INTEGER      NOT NULL,
    sku              VARCHAR(32)  NOT NULL,
    suggested_units  INTEGER      NOT NULL CHECK (suggested_units > 0),
    stockout_date    DATE         NOT NULL,
    confirmed_at     TIMESTAMP,
    created_at       TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX replenishment_suggestion_open
    ON replenishment_suggestion (store_id, stockout_date)
    WHERE confirmed_at IS NULL;

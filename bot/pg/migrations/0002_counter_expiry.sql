-- Per-minute rate-limit windows ("rate|<asker>|<minute>") are counters too: each row records
-- when it last changed, so windows older than a few minutes can be deleted.
ALTER TABLE counters ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX counters_rate_windows ON counters (updated_at) WHERE name LIKE 'rate|%';

-- Small durable state of adapters: poll checkpoints, codes allocated by a partner for a message (so that a
-- retried create reuses the code instead of creating a second dossier). Keys are namespaced by adapter.
CREATE TABLE IF NOT EXISTS adapter_state (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Reports (on-time rate per agency and period) read finished dossiers by agency and finish time.
CREATE INDEX IF NOT EXISTS dossiers_finished_idx ON dossiers (agency_id, finished_at);
-- Overdue detection reads open dossiers by due date (the predicate of OVERDUE_OPEN in src/dossier/reports.ts).
DROP INDEX IF EXISTS dossiers_due_open_idx;
CREATE INDEX IF NOT EXISTS dossiers_overdue_idx ON dossiers (due_at)
  WHERE status NOT IN ('resolved', 'returned', 'rejected', 'withdrawn', 'stopped', 'supplement_requested');

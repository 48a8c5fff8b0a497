-- Small durable state of adapters: poll checkpoints, codes allocated by a partner for a message (so that a
-- retried create reuses the code instead of creating a second dossier). Keys are namespaced by adapter.
CREATE TABLE IF NOT EXISTS adapter_state (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Reports (on-time rate per agency and period) read finished dossiers by agency and finish time.
CREATE INDEX IF NOT EXISTS dossiers_finished_idx ON dossiers (agency_id, finished_at);
-- Overdue detection reads open dossiers by due date.
CREATE INDEX IF NOT EXISTS dossiers_due_open_idx ON dossiers (due_at) WHERE finished_at IS NULL;

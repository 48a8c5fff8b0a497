-- LienThong core schema. Every statement is idempotent (IF NOT EXISTS / OR REPLACE) so that applying the
-- migration twice, or from two processes starting together, does no harm.

CREATE TABLE IF NOT EXISTS dossiers (
  code          text PRIMARY KEY,
  version       integer NOT NULL,
  status        text NOT NULL,
  agency_id     text,
  procedure_code text,
  channel       text,
  received_at   timestamptz,
  due_at        timestamptz,
  finished_at   timestamptz,
  returned_at   timestamptz,
  data          jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS dossiers_agency_idx ON dossiers (agency_id, received_at);
CREATE INDEX IF NOT EXISTS dossiers_status_idx ON dossiers (status, updated_at);
CREATE INDEX IF NOT EXISTS dossiers_received_idx ON dossiers (received_at);
CREATE INDEX IF NOT EXISTS dossiers_updated_idx ON dossiers (updated_at);

-- Append-only history: one row per CloudEvents envelope. A trigger refuses UPDATE and DELETE.
CREATE TABLE IF NOT EXISTS dossier_events (
  id            text PRIMARY KEY,
  dossier_code  text NOT NULL,
  dossier_version integer NOT NULL,
  type          text NOT NULL,
  source        text NOT NULL,
  time          timestamptz NOT NULL,
  -- json, not jsonb: stored and returned verbatim, never queried inside, and cheaper to write.
  envelope      json NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_code, dossier_version)
);

CREATE OR REPLACE FUNCTION lt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LT_STORE_APPEND_ONLY: % is append-only', TG_TABLE_NAME;
END $$;

DROP TRIGGER IF EXISTS dossier_events_append_only ON dossier_events;
CREATE TRIGGER dossier_events_append_only BEFORE UPDATE OR DELETE ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION lt_refuse_change();

-- The outbox: one row per (message, target), written in the transaction that caused it.
-- seq orders the messages of one (dossier, target); only the oldest unfinished row of a pair is ever queued.
-- state: pending (waiting for its turn) | enqueued (on the queue) | inflight (leased by a worker)
--        | retrying (waiting for its next attempt) | delivered | dead (dead letter, blocks the pair) | discarded
CREATE TABLE IF NOT EXISTS outbox (
  id            bigserial PRIMARY KEY,
  -- Unique by construction (derived from the event id, itself a primary key, and the target): no index
  -- needed, and every index costs each of the three updates a message goes through.
  message_id    text NOT NULL,
  dossier_code  text NOT NULL,
  target        text NOT NULL,
  seq           integer NOT NULL,
  event_id      text,
  event_type    text NOT NULL,
  -- NULL when the message is the event itself (read from dossier_events.envelope when sent): one copy of
  -- the envelope, however many targets receive it.
  payload       jsonb,
  state         text NOT NULL DEFAULT 'pending',
  attempts      integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  enqueued_at   timestamptz,
  lease_token   text,
  lease_until   timestamptz,
  -- Set by a writer that queued a message behind this one; tells the worker finishing this row that a
  -- hand-over is due even if the new row was committed after the worker's statement began.
  has_next      boolean NOT NULL DEFAULT false,
  last_error_code text,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz,
  UNIQUE (dossier_code, target, seq)
);
-- Unfinished rows only: keeps the "head of each (dossier, target)" look-ups and the outbox sweep small
-- however long the history grows. (The dossier timeline reads through the unique index above.)
CREATE INDEX IF NOT EXISTS outbox_open_idx ON outbox (dossier_code, target, seq)
  WHERE state NOT IN ('delivered', 'discarded');

CREATE TABLE IF NOT EXISTS delivery_attempts (
  id            bigserial PRIMARY KEY,
  outbox_id     bigint NOT NULL,
  attempt       integer NOT NULL,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL,
  outcome       text NOT NULL,          -- delivered | retryable | permanent
  http_status   integer,
  error_code    text,
  detail        text,
  duration_ms   integer NOT NULL,
  worker        text
);
CREATE INDEX IF NOT EXISTS delivery_attempts_outbox_idx ON delivery_attempts (outbox_id, attempt);

CREATE TABLE IF NOT EXISTS dead_letters (
  id            bigserial PRIMARY KEY,
  outbox_id     bigint NOT NULL,
  message_id    text NOT NULL,
  dossier_code  text NOT NULL,
  target        text NOT NULL,
  attempts      integer NOT NULL,
  error_code    text,
  error         text,
  state         text NOT NULL DEFAULT 'open',   -- open | replayed | discarded
  created_at    timestamptz NOT NULL DEFAULT now(),
  resolved_at   timestamptz,
  resolved_by   text
);
CREATE INDEX IF NOT EXISTS dead_letters_state_idx ON dead_letters (state, target, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS dead_letters_open_idx ON dead_letters (outbox_id) WHERE state = 'open';

-- Every inbound and outbound message with its bytes (or a blob reference), verdict and correlation.
-- Rows are sealed into a hash chain by one sealer at a time (chain_seq, prev_hash, hash): tampering with
-- any sealed row breaks every later hash.
CREATE TABLE IF NOT EXISTS message_log (
  id            bigserial PRIMARY KEY,
  direction     text NOT NULL,          -- in | out
  system        text NOT NULL,
  dossier_code  text,
  correlation_id text,
  message_id    text,
  verdict       text NOT NULL,
  detail        text,
  content_type  text,
  body          bytea,
  blob_ref      text,
  body_sha256   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  chain_seq     bigint UNIQUE,
  prev_hash     text,
  hash          text
);
CREATE INDEX IF NOT EXISTS message_log_dossier_idx ON message_log (dossier_code, created_at);
CREATE INDEX IF NOT EXISTS message_log_unsealed_idx ON message_log (id) WHERE chain_seq IS NULL;

CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope         text NOT NULL,
  key           text NOT NULL,
  request_sha256 text NOT NULL,
  status        integer,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

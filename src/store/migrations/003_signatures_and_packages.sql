-- The edge's signature verdict of a signed input (reason code, signer, algorithms; src/trust/verdict.ts),
-- kept beside the bytes it judged. Part of the hash chain when present.
ALTER TABLE message_log ADD COLUMN IF NOT EXISTS signature jsonb;

-- Every edXML package accepted from the document exchange axis, by sender and DocumentId: a package seen
-- again (a replay, or the axis delivering twice) is recognised and refused before anything is applied.
CREATE TABLE IF NOT EXISTS edxml_received (
  sender        text NOT NULL,
  document_id   text NOT NULL,
  kind          text NOT NULL,          -- edoc | status
  exchange_id   text,                   -- the axis' docId
  body_sha256   text NOT NULL,
  dossier_code  text,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sender, document_id, kind)
);

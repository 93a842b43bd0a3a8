-- Notices (公示, 认定名单通知 …, issue 10 item 5): a draft holds the notice's data (entries from
-- live records plus what staff filled in); publishing freezes the data and its HTML rendering.
-- A published notice never changes: a correction is a new notice that supersedes it.
-- The same SQL runs on PGlite and PostgreSQL.
CREATE TABLE notices (
  id bigserial PRIMARY KEY,
  program_id text NOT NULL,
  document_id text NOT NULL,        -- the document in program.json `documents` (with a `notice` spec)
  year integer NOT NULL,
  title text NOT NULL,
  data jsonb NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,  -- what lists show (文号, dates, 公示期), kept with the data
  html text,                        -- the frozen rendering, set when published
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
  version integer NOT NULL DEFAULT 1,
  supersedes bigint REFERENCES notices (id),
  -- Set when the correction is published. Deferred: a dump restores rows in id order, and the
  -- correction's row comes after the one it corrects.
  superseded_by bigint REFERENCES notices (id) DEFERRABLE INITIALLY DEFERRED,
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_by text REFERENCES users (id),
  published_at timestamptz,
  CHECK ((state = 'published') = (published_at IS NOT NULL)),
  CHECK (state = 'draft' OR html IS NOT NULL),
  CHECK (superseded_by IS NULL OR state = 'published')
);
-- One correction per notice (a second one corrects the correction).
CREATE UNIQUE INDEX notices_supersedes ON notices (supersedes) WHERE supersedes IS NOT NULL;
-- The public list and feeds: published notices, newest first.
CREATE INDEX notices_published ON notices (published_at DESC, id DESC) WHERE state = 'published';
-- The staff list: a programme's year.
CREATE INDEX notices_program_year ON notices (program_id, year, id);

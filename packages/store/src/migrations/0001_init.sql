-- Shenbao's first schema: accounts, sessions, login counters, applications, attachments,
-- yearly targets, bans, reviewer assignments, receipt counters and the audit log.
-- The same SQL runs on PGlite and PostgreSQL; ids are text (random UUIDs made by the caller).

CREATE TABLE organizations (
  id text PRIMARY KEY,
  uscc text NOT NULL UNIQUE,
  name text NOT NULL,
  contact text NOT NULL,
  mobile text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  login text NOT NULL UNIQUE,
  name text NOT NULL,
  mobile text,
  role text NOT NULL CHECK (role IN ('applicant', 'staff', 'reviewer', 'admin')),
  org_id text REFERENCES organizations (id),
  -- programmes a staff member or reviewer works on; '*' means all
  programs text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'applicant') = (org_id IS NOT NULL))
);
CREATE INDEX users_org ON users (org_id);

-- Sessions live in the database so that every server process sees them.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,          -- sha256 of the cookie's token; the token itself is never stored
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Fixed-window counters (login attempts per address and per account), shared by all processes.
CREATE TABLE rate_counters (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count integer NOT NULL
);

CREATE TABLE applications (
  id text PRIMARY KEY,
  program_id text NOT NULL,
  form text NOT NULL,
  year integer NOT NULL,
  org_id text NOT NULL REFERENCES organizations (id),
  state text NOT NULL DEFAULT 'draft',
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  receipt_no text UNIQUE,
  submitted_at timestamptz,
  -- denormalised for lists and search, written with data
  title text NOT NULL DEFAULT '',
  town text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text REFERENCES users (id),
  UNIQUE (org_id, program_id, form, year)
);
CREATE INDEX applications_program ON applications (program_id, year, state);

CREATE TABLE receipt_counters (
  program_id text NOT NULL,
  year integer NOT NULL,
  next integer NOT NULL,
  PRIMARY KEY (program_id, year)
);

CREATE TABLE review_assignments (
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  assigned_by text REFERENCES users (id),
  PRIMARY KEY (application_id, user_id)
);
CREATE INDEX review_assignments_user ON review_assignments (user_id);

-- Content-addressed: the bytes live in blob storage under their sha256; one row per
-- organisation and content (the same file uploaded twice counts once against the quota).
CREATE TABLE attachments (
  org_id text NOT NULL REFERENCES organizations (id),
  sha256 text NOT NULL,
  size bigint NOT NULL,
  media_type text NOT NULL,
  name text NOT NULL,
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, sha256)
);
CREATE INDEX attachments_sha ON attachments (sha256);

-- A year's targets: what staff are editing (draft) and what is in force (published).
CREATE TABLE targets (
  program_id text NOT NULL,
  year integer NOT NULL,
  draft jsonb,
  published jsonb,
  version integer NOT NULL DEFAULT 1,
  published_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text REFERENCES users (id),
  PRIMARY KEY (program_id, year)
);

-- 第十五条: re-application bans after a revocation.
CREATE TABLE bans (
  id text PRIMARY KEY,
  program_id text NOT NULL,
  org_id text NOT NULL REFERENCES organizations (id),
  ground integer NOT NULL,
  decided_on date NOT NULL,
  until date,                       -- last banned day; NULL with kind 'forever'
  kind text NOT NULL CHECK (kind IN ('years', 'forever', 'none')),
  reason text NOT NULL,
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bans_org ON bans (org_id, program_id);

-- Append-only: nothing updates or deletes a row (see the trigger below).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_role text,
  ip text,
  entity text NOT NULL,             -- 'application' | 'targets' | 'user' | 'organization' | 'ban' | 'attachment' | 'session'
  entity_id text NOT NULL,
  action text NOT NULL,
  patch jsonb                       -- RFC 6902 JSON Patch of what changed, when something did
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

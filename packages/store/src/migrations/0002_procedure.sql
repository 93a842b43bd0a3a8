-- The procedure as data (issue 10): each application's timeline of transitions, the deadlines
-- the scheduler acts on, reviewers' scores, objections raised during 公示 and the messages that
-- tell applicants what happened. `applications.state` (0001) holds the current state.
-- The same SQL runs on PGlite and PostgreSQL.

-- The timeline: one row per transition taken (the audit log also gets an entry).
CREATE TABLE transitions (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  transition text NOT NULL,         -- transition id in program.json
  from_state text NOT NULL,
  to_state text NOT NULL,
  actor_id text REFERENCES users (id),   -- NULL when the scheduler acted (role 'system')
  actor_role text NOT NULL,         -- the procedure role the actor acted in
  record jsonb,                     -- the input recorded with the transition (a form's data)
  reason text,                      -- 说明理由, shown to the applicant
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transitions_application ON transitions (application_id, id);

-- Due instants set on entering a state; the scheduler fires `transition` when one is due and
-- marks it done in the same transaction. A failed attempt (guard not met) stays open.
CREATE TABLE deadlines (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  state text NOT NULL,              -- the state the deadline belongs to
  transition text NOT NULL,         -- fired as 'system' when due
  due_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',    -- e.g. 公示期 2026年9月24日至9月30日
  article text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  outcome text,                     -- what ended it: the transition taken, 'cleared', …
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  CHECK ((done_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX deadlines_due ON deadlines (due_at) WHERE done_at IS NULL;
CREATE INDEX deadlines_application ON deadlines (application_id, id);

-- One review form per reviewer and application; a reviewer's later save replaces it.
CREATE TABLE reviews (
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  reviewer_id text NOT NULL REFERENCES users (id),
  data jsonb NOT NULL,
  score numeric,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_id, reviewer_id)
);
CREATE INDEX reviews_reviewer ON reviews (reviewer_id, submitted_at);

-- 公示 objections: who raised it, when, what, and the bureau's decision (taken once).
CREATE TABLE objections (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  raised_by text NOT NULL,          -- the objector as told (a person or an organisation, not an account)
  raised_at date NOT NULL,
  content text NOT NULL,
  decision text CHECK (decision IN ('upheld', 'dismissed')),
  decision_reason text,
  decided_by text REFERENCES users (id),
  decided_at timestamptz,
  recorded_by text REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX objections_application ON objections (application_id, id);

-- What applicants are told, per organisation (delivery by e-mail or SMS is the notifier's job).
CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations (id),
  application_id text REFERENCES applications (id) ON DELETE SET NULL,
  text text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX messages_org ON messages (org_id, id);
CREATE INDEX messages_org_unread ON messages (org_id, id) WHERE read_at IS NULL;

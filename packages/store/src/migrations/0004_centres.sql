-- Recognised centres year by year (issue 10 items 3 and 4): each year's goals, self-assessment
-- and assessment; revocations (proposed by the rules or decided by staff, with the ban they
-- caused); the centre's names over time (renames) and its reports of major changes. A centre is
-- an application in a state whose outcome is `recognised`; its id is the application's id.
-- The application's state is never changed here: a revoked centre is one with a decided
-- revocation. The same SQL runs on PGlite and PostgreSQL.

CREATE TABLE centre_years (
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  year integer NOT NULL,
  goals jsonb,                      -- { <indicator id>: value }, never below the year's minimum
  goals_set_by text REFERENCES users (id),
  goals_set_role text CHECK (goals_set_role IN ('applicant', 'staff')),
  goals_set_at timestamptz,
  self_assessment jsonb,            -- the `self-assessment` form, as submitted
  submitted_by text REFERENCES users (id),
  submitted_at timestamptz,
  assessment jsonb,                 -- core assess(): per indicator bar / actual / met / reason
  passed boolean,
  assessed_by text REFERENCES users (id),
  assessed_at timestamptz,
  missed boolean NOT NULL DEFAULT false,   -- no self-assessment when the bureau closed the year
  missed_by text REFERENCES users (id),
  missed_at timestamptz,
  consequence jsonb,                -- what the year's result called for (notice, revocation proposed)
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_id, year),
  CHECK ((self_assessment IS NULL) = (submitted_at IS NULL)),
  CHECK ((assessment IS NULL) = (passed IS NULL) AND (passed IS NULL) = (assessed_at IS NULL)),
  CHECK (NOT (missed AND passed IS NOT NULL)),
  CHECK (missed = (missed_at IS NOT NULL))
);

-- 第十四条/第十五条: a revocation proposed (by a rule, proposed_by NULL, or by staff) and then
-- decided. At most one open proposal and one decision per centre.
CREATE TABLE centre_revocations (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('proposed', 'decided')),
  ground integer NOT NULL,          -- procedure.revocation.grounds[].id
  reason text NOT NULL,
  year integer,                     -- the assessment year whose result proposed it
  proposed_by text REFERENCES users (id),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_on date,
  decided_by text REFERENCES users (id),
  decided_at timestamptz,
  ban_id text REFERENCES bans (id), -- NULL when the ground bars no re-application
  CHECK ((status = 'decided') = (decided_on IS NOT NULL) AND (decided_on IS NULL) = (decided_at IS NULL))
);
CREATE UNIQUE INDEX centre_revocations_open ON centre_revocations (application_id) WHERE status = 'proposed';
CREATE UNIQUE INDEX centre_revocations_decided ON centre_revocations (application_id) WHERE status = 'decided';

-- 第十六条: reports of major changes (更名, 重组, 转让 …), late when under the notice days.
CREATE TABLE centre_changes (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind text NOT NULL,               -- procedure.majorChange.kinds
  planned_date date NOT NULL,
  reported_on date NOT NULL,        -- the business day of the report (programme time zone)
  reported_at timestamptz NOT NULL DEFAULT now(),
  reported_by text REFERENCES users (id),
  late boolean NOT NULL,
  days_before integer NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX centre_changes_application ON centre_changes (application_id, id);

-- A centre's brand and operator from a date on (renames); the recognition record is the first
-- name and is not repeated here. Later documents use the name in force; history keeps them all.
CREATE TABLE centre_names (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  brand text NOT NULL,
  operator text NOT NULL,
  from_date date NOT NULL,
  reason text NOT NULL,
  change_id bigint REFERENCES centre_changes (id),
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX centre_names_application ON centre_names (application_id, from_date, id);

-- Reviewer affiliation (回避, issue 10 item 2 / 第九条（三）): a reviewer may work for an
-- enterprise, recorded by its 统一社会信用代码 (not by organisation row: the employer need not be
-- registered in the portal, and a registered one may be renamed). A reviewer is never assigned
-- an application of the organisation with that code. NULL for reviewers of no enterprise and for
-- every other role. The same SQL runs on PGlite and PostgreSQL.
ALTER TABLE users ADD COLUMN affiliation_uscc text;
ALTER TABLE users ADD CONSTRAINT users_affiliation_reviewer
  CHECK (affiliation_uscc IS NULL OR (role = 'reviewer' AND affiliation_uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'));

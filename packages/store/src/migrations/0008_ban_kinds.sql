-- A ban may be counted in months or last until a fixed date as well as in years (program.json
-- revocation grounds: ban.kind months / until); `until` holds the last banned day for all three.
ALTER TABLE bans DROP CONSTRAINT IF EXISTS bans_kind_check;
ALTER TABLE bans ADD CONSTRAINT bans_kind_check CHECK (kind IN ('years', 'months', 'until', 'forever', 'none'));

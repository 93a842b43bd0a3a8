-- A draft's autosave changes updated_at on every keystroke pause. With updated_at in an index,
-- PostgreSQL cannot update the row in place (a HOT update) and writes a new entry into every
-- index of the table on each save; without it, a save whose title and town are unchanged
-- touches no index at all. The bureau's lists sort by submission by default (indexed by
-- applications_list_submitted); sorting by the last change still works, by sorting the
-- filtered rows.
DROP INDEX applications_list_updated;

-- The bureau's lists at scale (issue 10 item 6): a programme's applications filtered, sorted
-- and paged, 10,000 and more. Each sortable column has an index led by the programme and
-- ending with the id, in the order listApplications asks for (text columns COLLATE "C"; the
-- id in the column's direction), so a page is read from the index in either direction instead
-- of sorting every row. The 镇街 filter and the counts per state have their own.

CREATE INDEX applications_list_updated ON applications (program_id, updated_at, id);
CREATE INDEX applications_list_submitted ON applications (program_id, submitted_at, id);
CREATE INDEX applications_list_receipt ON applications (program_id, (receipt_no COLLATE "C"), id);
CREATE INDEX applications_list_title ON applications (program_id, (title COLLATE "C"), id);
CREATE INDEX applications_list_town ON applications (program_id, (town COLLATE "C"), id);
CREATE INDEX applications_town ON applications (program_id, town);

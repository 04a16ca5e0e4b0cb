-- Hearing Helper schema, version 5: visits (issue 13), as PostgreSQL's 005.
-- Every record stored before this is a hearing-day assistance whose rating, if any, the clerk
-- typed in; the JSON payloads read the same way (AssistRecord.from_dict).
-- Columns: the kind of visit; a preparation visit's outcome (ready / another_visit /
-- in_person) and next visit (YYYY-MM-DD); the recommended and the chosen way to join
-- (own_phone / desk_pc / audio_phone / in_person); a hearing-day failure's cause (a code of
-- hearing_helper.visits.causes); the follow-up's result and time; the earlier visit of a
-- returning litigant; who gave the rating.
ALTER TABLE assists ADD COLUMN kind TEXT NOT NULL DEFAULT 'hearing_day'
    CHECK (kind IN ('preparation', 'hearing_day'));
ALTER TABLE assists ADD COLUMN prep_outcome TEXT;
ALTER TABLE assists ADD COLUMN next_visit_on TEXT;
ALTER TABLE assists ADD COLUMN recommended_mode TEXT;
ALTER TABLE assists ADD COLUMN chosen_mode TEXT;
ALTER TABLE assists ADD COLUMN failure_cause TEXT;
ALTER TABLE assists ADD COLUMN follow_up_result TEXT;
ALTER TABLE assists ADD COLUMN follow_up_at TEXT;
ALTER TABLE assists ADD COLUMN previous_id TEXT;
ALTER TABLE assists ADD COLUMN rating_source TEXT NOT NULL DEFAULT 'not_asked'
    CHECK (rating_source IN ('litigant', 'staff', 'not_asked'));
UPDATE assists SET rating_source = 'staff' WHERE satisfaction IS NOT NULL;
-- The follow-up list and the reminder of the coming days' prepared hearings.
CREATE INDEX assists_prepared ON assists (kind, status, follow_up_result, hearing_at);
-- Returning litigants are found by case number (assists_case) or phone.
CREATE INDEX assists_phone ON assists (phone);
CREATE INDEX assists_previous ON assists (previous_id);
-- Repeat visits per litigant (by phone) over a report's period, read from this index alone.
CREATE INDEX assists_period_phone ON assists (status, started_at, phone);
-- The visit figures of a report, read from indexes alone: preparation visits and hearing-day
-- records linked to one (kind first), and the ratings by who gave them.
CREATE INDEX assists_visits ON assists (
    kind, status, started_at, prep_outcome, chosen_mode, follow_up_result, previous_id,
    outcome, court, desk, staff_id, platform_id, role, id
);
CREATE INDEX assists_ratings ON assists (
    status, started_at, satisfaction, rating_source, court, desk, staff_id, platform_id, role,
    outcome
);

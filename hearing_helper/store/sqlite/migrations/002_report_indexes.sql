-- Hearing Helper schema, version 2: indexes for supervisor reports (hearing_helper/reports).
-- One covering index serves the period range, the hourly grouping (on the hour prefix of the
-- local start time), every report filter and the id that problems, checks and steps join on,
-- so a year of records is read from this index alone, never from the wide table.
CREATE INDEX assists_report ON assists (
    status, substr(started_at, 1, 13), outcome, outcome_reason, satisfaction, duration_s,
    court, desk, staff_id, platform_id, role, id
);
-- The child rows a report needs, found by record without touching the tables.
CREATE INDEX assist_problems_report ON assist_problems (assist_id, code);
CREATE INDEX check_results_report ON check_results (assist_id, status, check_id, code);
CREATE INDEX assist_steps_report ON assist_steps (assist_id, step, status);

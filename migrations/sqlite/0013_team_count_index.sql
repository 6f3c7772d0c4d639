-- Each team's incidents in time order with only what every statistic counts: a third of the report index's pages, read by
-- the counting pass of a statistic per team (a whole-history summary of a million incidents on SQLite: 258 → 158 ms).
CREATE INDEX `incidents_team_count_idx` ON `incidents` (`team_id`,`triggered_ms`,`status`,`ms_to_ack`,`ms_to_resolve`,`deleted_at`);
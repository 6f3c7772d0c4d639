// The same figures as expected.ts, as the command prints them (checked line by line against it).
// Tables leave out id columns that have a name beside them and show seconds as spans; CSV keeps
// every column, seconds as numbers, and leaves nulls empty.

/** Keyed by report name and --by; noisy runs with --limit 3. */
export const CSV: Record<string, string> = {
  'summary': `team_id,team_name,incidents,open,acknowledged,resolved,mtta_p50_seconds,mtta_p90_seconds,mttr_p50_seconds,mttr_p90_seconds
aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,6,2,4,4,210,600,1500,2400
bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,4,1,3,3,45,90.5,3600,7200
cccccccccccccccccccccccc,Charlie,0,0,0,0,,,,
`,
  'mtta-mttr': `team_id,team_name,incidents,acknowledged,resolved,mtta_p50_seconds,mtta_p90_seconds,mttr_p50_seconds,mttr_p90_seconds
aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,6,4,4,210,600,1500,2400
bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,4,3,3,45,90.5,3600,7200
`,
  'mtta-mttr priority': `priority,incidents,acknowledged,resolved,mtta_p50_seconds,mtta_p90_seconds,mttr_p50_seconds,mttr_p90_seconds
p1,4,4,4,75.25,120,2400,7200
p2,3,2,1,157.5,300,900,900
p3,2,1,2,600,600,2100,2400
,1,0,0,,,,
`,
  'mtta-mttr severity': `severity,incidents,acknowledged,resolved,mtta_p50_seconds,mtta_p90_seconds,mttr_p50_seconds,mttr_p90_seconds
sev1,4,4,3,75.25,300,3600,7200
sev2,3,2,2,67.5,120,1050,1200
sev3,2,1,1,600,600,2400,2400
,1,0,1,,,1800,1800
`,
  'mtta-mttr service': `service_id,service_name,incidents,acknowledged,resolved,mtta_p50_seconds,mtta_p90_seconds,mttr_p50_seconds,mttr_p90_seconds
svc-api,API,3,2,2,90,120,900,1200
svc-db,Database,2,2,1,450,600,2400,2400
svc-web,Web,4,3,3,45,90.5,3600,7200
,,1,0,1,,,1800,1800
`,
  'volume': `period,team_id,team_name,incidents
2026-08-01,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-08-02,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,2
2026-08-03,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-08-05,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-08-09,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,1
2026-08-10,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-08-12,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-08-14,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-08-15,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,1
`,
  'volume week': `period,team_id,team_name,incidents
2026-07-27,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,1
2026-07-27,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,2
2026-08-03,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,2
2026-08-03,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,1
2026-08-10,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,3
2026-08-10,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,1
`,
  'open': `team_id,team_name,counter_id,title,status_word,priority,severity,triggered_at,age_seconds
aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,#A3,Disk full,acknowledged,p2,sev1,2026-08-05T23:59:59.000Z,1252801
aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,#A5,CPU high,triggered,,sev3,2026-08-12T12:00:00.000Z,691200
bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,#B4,Latency,triggered,p2,sev2,2026-08-15T23:00:00.000Z,392400
aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,#A8,Disk full,triggered,p2,sev1,2026-08-16T00:00:00.000Z,388800
`,
  'noisy': `title,service_name,team_id,team_name,incidents,first_triggered_at,last_triggered_at
Latency,Web,bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,3,2026-08-02T06:00:00.000Z,2026-08-15T23:00:00.000Z
CPU high,API,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,3,2026-08-01T00:00:00.000Z,2026-08-12T12:00:00.000Z
Disk full,Database,aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,2,2026-08-05T23:59:59.000Z,2026-08-14T00:00:00.000Z
`,
  'team-overview': `team_id,team_name,users,schedules,incidents,triggered,acknowledged,resolved,mtta_p50_seconds,mttr_p50_seconds
aaaaaaaaaaaaaaaaaaaaaaaa,Alpha,3,2,8,2,1,5,120,1200
bbbbbbbbbbbbbbbbbbbbbbbb,Bravo,2,1,4,1,0,3,45,3600
cccccccccccccccccccccccc,Charlie,1,0,0,0,0,0,,
`,
};

/** Keyed like CSV. */
export const TABLES: Record<string, string> = {
  'summary': `team_name  incidents  open  acknowledged  resolved  mtta_p50  mtta_p90  mttr_p50  mttr_p90
---------  ---------  ----  ------------  --------  --------  --------  --------  --------
Alpha              6     2             4         4  3m 30s    10m 0s    25m 0s    40m 0s
Bravo              4     1             3         3  45s       1m 31s    1h 0m     2h 0m
Charlie            0     0             0         0  -         -         -         -
`,
  'mtta-mttr': `team_name  incidents  acknowledged  resolved  mtta_p50  mtta_p90  mttr_p50  mttr_p90
---------  ---------  ------------  --------  --------  --------  --------  --------
Alpha              6             4         4  3m 30s    10m 0s    25m 0s    40m 0s
Bravo              4             3         3  45s       1m 31s    1h 0m     2h 0m
`,
  'mtta-mttr priority': `priority  incidents  acknowledged  resolved  mtta_p50  mtta_p90  mttr_p50  mttr_p90
--------  ---------  ------------  --------  --------  --------  --------  --------
p1                4             4         4  1m 15s    2m 0s     40m 0s    2h 0m
p2                3             2         1  2m 38s    5m 0s     15m 0s    15m 0s
p3                2             1         2  10m 0s    10m 0s    35m 0s    40m 0s
-                 1             0         0  -         -         -         -
`,
  'mtta-mttr severity': `severity  incidents  acknowledged  resolved  mtta_p50  mtta_p90  mttr_p50  mttr_p90
--------  ---------  ------------  --------  --------  --------  --------  --------
sev1              4             4         3  1m 15s    5m 0s     1h 0m     2h 0m
sev2              3             2         2  1m 8s     2m 0s     17m 30s   20m 0s
sev3              2             1         1  10m 0s    10m 0s    40m 0s    40m 0s
-                 1             0         1  -         -         30m 0s    30m 0s
`,
  'mtta-mttr service': `service_name  incidents  acknowledged  resolved  mtta_p50  mtta_p90  mttr_p50  mttr_p90
------------  ---------  ------------  --------  --------  --------  --------  --------
API                   3             2         2  1m 30s    2m 0s     15m 0s    20m 0s
Database              2             2         1  7m 30s    10m 0s    40m 0s    40m 0s
Web                   4             3         3  45s       1m 31s    1h 0m     2h 0m
-                     1             0         1  -         -         30m 0s    30m 0s
`,
  'volume': `period      team_name  incidents
----------  ---------  ---------
2026-08-01  Alpha              1
2026-08-02  Bravo              2
2026-08-03  Alpha              1
2026-08-05  Alpha              1
2026-08-09  Bravo              1
2026-08-10  Alpha              1
2026-08-12  Alpha              1
2026-08-14  Alpha              1
2026-08-15  Bravo              1
`,
  'volume week': `period      team_name  incidents
----------  ---------  ---------
2026-07-27  Alpha              1
2026-07-27  Bravo              2
2026-08-03  Alpha              2
2026-08-03  Bravo              1
2026-08-10  Alpha              3
2026-08-10  Bravo              1
`,
  'open': `team_name  counter_id  title      status_word   priority  severity  triggered_at              age
---------  ----------  ---------  ------------  --------  --------  ------------------------  -------
Alpha      #A3         Disk full  acknowledged  p2        sev1      2026-08-05T23:59:59.000Z  14d 12h
Alpha      #A5         CPU high   triggered     -         sev3      2026-08-12T12:00:00.000Z  8d 0h
Bravo      #B4         Latency    triggered     p2        sev2      2026-08-15T23:00:00.000Z  4d 13h
Alpha      #A8         Disk full  triggered     p2        sev1      2026-08-16T00:00:00.000Z  4d 12h
`,
  'noisy': `title      service_name  team_name  incidents  first_triggered_at        last_triggered_at
---------  ------------  ---------  ---------  ------------------------  ------------------------
Latency    Web           Bravo              3  2026-08-02T06:00:00.000Z  2026-08-15T23:00:00.000Z
CPU high   API           Alpha              3  2026-08-01T00:00:00.000Z  2026-08-12T12:00:00.000Z
Disk full  Database      Alpha              2  2026-08-05T23:59:59.000Z  2026-08-14T00:00:00.000Z
`,
  'team-overview': `team_name  users  schedules  incidents  triggered  acknowledged  resolved  mtta_p50  mttr_p50
---------  -----  ---------  ---------  ---------  ------------  --------  --------  --------
Alpha          3          2          8          2             1         5  2m 0s     20m 0s
Bravo          2          1          4          1             0         3  45s       1h 0m
Charlie        1          0          0          0             0         0  -         -
`,
};

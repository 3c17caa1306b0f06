/*
 * schema.c -- the database's versioned schema.
 *
 * The file's PRAGMA user_version is its schema version.  Each migration is
 * one transaction (BEGIN IMMEDIATE ... COMMIT) that rolls back whole on
 * failure, as in profanity's database.c.  Later issues extend the schema
 * only by appending a migration to the table below; a migration that has
 * shipped is never edited.
 *
 * Design (the whole mission, see docs/data-model.md):
 *  - workers, phones: the roster.  Changes to a worker's fields after it was
 *    created are written to audit (old and new value), so any past date's
 *    roster can be rebuilt.  Phones are never deleted, only marked removed.
 *  - calls, call_answers, assignments, audit: append-only (triggers refuse
 *    UPDATE and DELETE).
 *  - followups: created_at/done_at make "open at instant T" answerable for
 *    any past T; a moved follow-up is closed as 'moved' and a new one made.
 *  - cases: the current state, stored for speed, derivable from the
 *    append-only records (paicha check recomputes and compares).
 *  - Times are INTEGER Unix seconds (UTC); dates are TEXT 'YYYY-MM-DD' in
 *    China Standard Time (UTC+8).
 */
#include "config.h"

#include <stdio.h>
#include <sqlite3.h>

#include "db/dbi.h"
#include "db/schema.h"

/* One case's key in case_tally (migration "The lead's counts"): C is the
 * cases row, W the workers row, as SQL names. */
#define TALLY_KEY(C, W) \
	W ".township, " W ".village, " W ".grp, " C ".contact, " \
	"coalesce(" C ".whereabouts, '') AS whereabouts, " \
	"CASE WHEN " C ".whereabouts IN ('hubei', 'elsewhere') THEN coalesce(" C ".place, '') " \
	"ELSE '' END AS place, coalesce(" C ".work_plan, '') AS work_plan, " \
	"(" C ".health_asked <> 0 AND " C ".symptomatic <> 0) AS sym, " \
	"(" C ".urged_doctor <> 0) AS urged, coalesce(" C ".isolation_start, '') AS iso_start, " \
	"coalesce(" C ".isolation_end, '') AS iso_end"
#define TALLY_COLS "(township, village, grp, contact, whereabouts, place, work_plan, sym, " \
	"urged, iso_start, iso_end)"
/* The local day number of the instant T (China, UTC+8, no summer time:
 * forms/clock.c). */
#define CALL_DAY(T) "((" T " + 28800) / 86400)"
/* Count the case in (PLUS) or out (MINUS); FROM names the other row. */
#define TALLY_PLUS(C, W, FROM) \
	"  INSERT INTO case_tally SELECT " TALLY_KEY(C, W) ", 1 " FROM "\n" \
	"    ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define TALLY_MINUS(C, W, FROM) \
	"  UPDATE case_tally SET n = n - 1 WHERE " TALLY_COLS " = (SELECT " TALLY_KEY(C, W) " " \
	FROM ");\n" \
	"  DELETE FROM case_tally WHERE n = 0 AND " TALLY_COLS " = (SELECT " TALLY_KEY(C, W) " " \
	FROM ");\n"

/* The ten minutes a follow-up is due in (fu_tally). */
#define FU_SLOT(T) "(" T " / 600)"
/* A follow-up F (OLD or NEW) counted in or out of fu_tally when it is
 * open and not an escalation. */
#define FU_UID(F) "coalesce(" F ".owner_id, (SELECT investigator_id FROM cases " \
	"WHERE worker_id = " F ".worker_id), 0)"
#define FU_PLUS(F) \
	"  INSERT INTO fu_tally SELECT " FU_UID(F) ", " FU_SLOT(F ".due_at") ", 1\n" \
	"    WHERE " F ".done_at IS NULL AND " F ".kind <> 'escalation'\n" \
	"    ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define FU_MINUS(F) \
	"  UPDATE fu_tally SET n = n - 1 WHERE " F ".done_at IS NULL AND " F ".kind <> 'escalation'\n" \
	"    AND uid = " FU_UID(F) " AND slot = " FU_SLOT(F ".due_at") ";\n" \
	"  DELETE FROM fu_tally WHERE n = 0 AND uid = " FU_UID(F) " AND slot = " FU_SLOT(F ".due_at") ";\n"
/* Has worker W an open follow-up (not an escalation) without an owner? */
#define FU_UNOWNED(W) "EXISTS(SELECT 1 FROM followups WHERE worker_id = " W \
	" AND done_at IS NULL AND owner_id IS NULL AND kind <> 'escalation')"
/* Worker W's open follow-ups without an owner move from uid A to B. */
#define FU_MOVE(W, A, B) \
	"  UPDATE fu_tally SET n = n - x.k FROM (SELECT " FU_SLOT("due_at") " AS d, count(*) AS k\n" \
	"    FROM followups WHERE worker_id = " W " AND done_at IS NULL AND kind <> 'escalation'\n" \
	"    AND owner_id IS NULL AND " A " IS NOT " B " GROUP BY 1) x\n" \
	"    WHERE fu_tally.uid = " A " AND fu_tally.slot = x.d;\n" \
	"  DELETE FROM fu_tally WHERE n = 0 AND uid = " A ";\n" \
	"  INSERT INTO fu_tally SELECT " B ", " FU_SLOT("due_at") ", count(*) FROM followups\n" \
	"    WHERE worker_id = " W " AND done_at IS NULL AND kind <> 'escalation' AND owner_id IS NULL\n" \
	"    AND " A " IS NOT " B " GROUP BY 2 ON CONFLICT DO UPDATE SET n = n + excluded.n;\n"

/* The lead's counts made from the rows (migration 11, and
 * history_bulk_end() after the demo's load: schema_tally_fill). */
/* (Each row counted into its tally row, which stays in the cache: 2.6
 * times faster at 1M than sorting the rows for a GROUP BY; a worker's day
 * of calls is one where the previous call, on calls_worker, was another
 * day: 2.4 times faster than a DISTINCT.) */
#define SCHEMA_FILL_CASE_TALLY \
"INSERT INTO case_tally SELECT township, village, grp, contact, whereabouts, place, work_plan,\n"\
"  sym, urged, iso_start, iso_end, 1 FROM case_tally_v WHERE true ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define SCHEMA_FILL_CALL_DAY_TALLY \
"INSERT INTO call_day_tally SELECT k.d, w.township, w.village, 1 FROM (SELECT worker_id,\n"\
"  " CALL_DAY("at") " AS d, lag(" CALL_DAY("at") ") OVER (PARTITION BY worker_id ORDER BY at) AS pd\n"\
"  FROM calls) k JOIN workers w ON w.id = k.worker_id WHERE k.pd IS NOT k.d\n"\
"  ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define SCHEMA_FILL_CASE_INV_TALLY \
"INSERT INTO case_inv_tally SELECT coalesce(investigator_id, 0), contact, count(*) FROM cases\n"\
"  GROUP BY 1, 2;\n"
#define SCHEMA_FILL_FU_TALLY \
"INSERT INTO fu_tally SELECT uid, slot, count(*) FROM fu_tally_v GROUP BY 1, 2;\n"
#define SCHEMA_FILL_CALLS_PER_DAY \
"INSERT INTO calls_per_day SELECT " CALL_DAY("at") ", count(*) FROM calls GROUP BY 1;\n"

/* Worker W's rows of esc_keys made again from esc_keys_v (migration 13). */
#define ESC_REDO(W) \
	"  DELETE FROM esc_keys WHERE worker_id IN (" W ");\n" \
	"  INSERT INTO esc_keys SELECT * FROM esc_keys_v WHERE worker_id IN (" W ");\n"
/* Case C's (a cases row: c, or NEW in a trigger) escalation of kind K is
 * not closed since its last call. */
#define ESC_OPEN(C, K) "NOT EXISTS(SELECT 1 FROM escalation_closes x WHERE x.worker_id = " \
	C ".worker_id AND x.kind = '" K "' AND x.closed_at >= coalesce(" C ".last_call_at, 0))"
/* The open escalations of case C, one row each (kind, since, worker):
 * esc_keys_v with C = c FROM cases c, and a new case's own (C = NEW, no
 * FROM); FROMC names the table of C, FROMCW C's with its worker w. */
#define ESC_ROWS(C, FROMC, FROMCW) \
"SELECT 0, coalesce(" C ".last_call_at, 0), " C ".worker_id" FROMC "\n" \
"  WHERE " C ".contact = 'unreachable' AND " ESC_OPEN(C, "unreachable") "\n" \
"UNION ALL SELECT 1, coalesce(" C ".last_call_at, 0), " C ".worker_id" FROMC "\n" \
"  WHERE " C ".health_asked AND " C ".symptomatic AND NOT " C ".urged_doctor\n" \
"  AND " ESC_OPEN(C, "not-urged") "\n" \
"UNION ALL SELECT 2, (SELECT min(f.due_at) FROM followups f WHERE f.worker_id = " C ".worker_id\n" \
"    AND f.kind = 'medical' AND f.done_at IS NULL), " C ".worker_id" FROMC "\n" \
"  WHERE EXISTS(SELECT 1 FROM followups f WHERE f.worker_id = " C ".worker_id AND f.kind = 'medical'\n" \
"    AND f.done_at IS NULL) AND " ESC_OPEN(C, "medical") "\n" \
"UNION ALL SELECT 3, coalesce(" C ".last_call_at, w.created_at), " C ".worker_id" FROMCW "\n" \
"  " C ".contact IN ('uncalled', 'unreached')\n" \
"  AND EXISTS(SELECT 1 FROM phones p WHERE p.worker_id = " C ".worker_id AND p.removed_at IS NULL)\n" \
"  AND " ESC_OPEN(C, "silent") "\n" \
/* no number to call: since the import, or the last number's removal */ \
"UNION ALL SELECT 4, coalesce((SELECT max(p.removed_at) FROM phones p\n" \
"    WHERE p.worker_id = " C ".worker_id AND p.removed_at IS NOT NULL), w.created_at), " C ".worker_id" \
FROMCW "\n" \
"  w.source <> 'purged'\n" \
"  AND NOT EXISTS(SELECT 1 FROM phones p WHERE p.worker_id = " C ".worker_id AND p.removed_at IS NULL)\n" \
"  AND " ESC_OPEN(C, "no-number")
#define SCHEMA_FILL_ESC_KEYS \
"INSERT INTO esc_keys SELECT * FROM esc_keys_v ORDER BY 1, 2, 3;\n"

static const char *const migrations[] = {
/* 1: the whole mission's data model */
"CREATE TABLE settings(\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL\n"
") STRICT;\n"
"CREATE TABLE users(\n"
"  id INTEGER PRIMARY KEY,\n"
"  login TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL,\n"
"  role TEXT NOT NULL CHECK(role IN ('investigator','lead','admin')),\n"
"  active INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0,1)),\n"
"  created_at INTEGER NOT NULL\n"
") STRICT;\n"
"CREATE TABLE workers(\n"
"  id INTEGER PRIMARY KEY,\n"               /* the worker's number; import order */
"  id_number TEXT NOT NULL UNIQUE CHECK(length(id_number) = 18),\n"
"  name TEXT NOT NULL,\n"
"  gender TEXT CHECK(gender IN ('M','F')),\n"
"  birth_date TEXT,\n"
"  township TEXT NOT NULL DEFAULT '',\n"
"  village TEXT NOT NULL DEFAULT '',\n"
"  grp TEXT NOT NULL CHECK(grp IN ('A','B')),\n"
"  work_province TEXT NOT NULL DEFAULT '',\n"
"  work_city TEXT NOT NULL DEFAULT '',\n"
"  employer TEXT NOT NULL DEFAULT '',\n"
"  address TEXT NOT NULL DEFAULT '',\n"
"  source TEXT NOT NULL,\n"                 /* 'demo', 'import:FILE:LINE', 'manual' */
"  created_at INTEGER NOT NULL,\n"
"  created_by INTEGER REFERENCES users(id)\n"
") STRICT;\n"
"CREATE INDEX workers_village ON workers(township, village, id);\n"
"CREATE INDEX workers_name ON workers(name);\n"
"CREATE TABLE phones(\n"
"  id INTEGER PRIMARY KEY,\n"
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  rank INTEGER NOT NULL,\n"                /* 0 = primary */
"  typed TEXT NOT NULL,\n"                  /* as typed or imported */
"  e164 TEXT NOT NULL,\n"
"  extension TEXT NOT NULL DEFAULT '',\n"
"  kind TEXT NOT NULL CHECK(kind IN ('mobile','fixed','other')),\n"
"  display TEXT NOT NULL,\n"                /* provincial-format.md 4 */
"  region TEXT NOT NULL DEFAULT '',\n"      /* geocoder, in Chinese */
"  created_at INTEGER NOT NULL,\n"
"  removed_at INTEGER\n"
") STRICT;\n"
"CREATE UNIQUE INDEX phones_current ON phones(worker_id, e164, extension) WHERE removed_at IS NULL;\n"
"CREATE INDEX phones_e164 ON phones(e164);\n"
"CREATE TABLE assignments(\n"              /* append-only */
"  id INTEGER PRIMARY KEY,\n"
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  investigator_id INTEGER REFERENCES users(id),\n"
"  at INTEGER NOT NULL,\n"
"  by_user INTEGER REFERENCES users(id)\n"
") STRICT;\n"
"CREATE INDEX assignments_worker ON assignments(worker_id, at, id);\n"
"CREATE TABLE calls(\n"                    /* append-only */
"  id INTEGER PRIMARY KEY,\n"
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  user_id INTEGER NOT NULL REFERENCES users(id),\n"
"  at INTEGER NOT NULL,\n"
"  phone TEXT NOT NULL DEFAULT '',\n"       /* E.164 of the number dialled */
"  outcome TEXT NOT NULL CHECK(outcome IN ('reached','no-answer','busy','off',"
"'out-of-service','wrong-number','refused'))\n"
") STRICT;\n"
"CREATE INDEX calls_worker ON calls(worker_id, at, id);\n"
"CREATE INDEX calls_at ON calls(at);\n"
"CREATE TABLE call_answers(\n"             /* append-only; keys of forms/callform */
"  call_id INTEGER NOT NULL REFERENCES calls(id),\n"
"  key TEXT NOT NULL,\n"
"  value TEXT NOT NULL,\n"
"  PRIMARY KEY(call_id, key)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE TABLE followups(\n"
"  id INTEGER PRIMARY KEY,\n"
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  kind TEXT NOT NULL CHECK(kind IN ('callback','health','medical','job','escalation')),\n"
"  due_at INTEGER NOT NULL,\n"
"  owner_id INTEGER REFERENCES users(id),\n" /* NULL: the case's investigator */
"  note TEXT NOT NULL DEFAULT '',\n"
"  created_at INTEGER NOT NULL,\n"
"  created_by INTEGER REFERENCES users(id),\n"
"  call_id INTEGER REFERENCES calls(id),\n"  /* the call whose rule made it */
"  done_at INTEGER,\n"
"  done_by INTEGER REFERENCES users(id),\n"
"  done_reason TEXT CHECK(done_reason IN ('done','moved','superseded','cancelled')),\n"
"  CHECK((done_at IS NULL) = (done_reason IS NULL))\n"
") STRICT;\n"
"CREATE INDEX followups_open ON followups(worker_id) WHERE done_at IS NULL;\n"
"CREATE INDEX followups_due ON followups(due_at);\n"
"CREATE TABLE cases(\n"                    /* current state, derivable */
"  worker_id INTEGER PRIMARY KEY REFERENCES workers(id),\n"
"  investigator_id INTEGER REFERENCES users(id),\n"
"  contact TEXT NOT NULL DEFAULT 'uncalled' CHECK(contact IN "
"('uncalled','unreached','reached','unreachable')),\n"
"  calls INTEGER NOT NULL DEFAULT 0,\n"
"  failed INTEGER NOT NULL DEFAULT 0,\n"    /* failed attempts since last reached */
"  last_call_at INTEGER,\n"
"  last_outcome TEXT,\n"
"  first_reached_at INTEGER,\n"
"  whereabouts TEXT,\n"
"  return_date TEXT,\n"
"  transport TEXT,\n"
"  place TEXT,\n"
"  health_asked INTEGER NOT NULL DEFAULT 0,\n"
"  symptoms TEXT,\n"
"  temperature TEXT,\n"
"  onset_date TEXT,\n"
"  symptomatic INTEGER NOT NULL DEFAULT 0,\n"
"  urged_doctor INTEGER NOT NULL DEFAULT 0,\n"
"  isolation_start TEXT,\n"
"  isolation_end TEXT,\n"
"  work_plan TEXT,\n"
"  note TEXT,\n"
"  next_due_at INTEGER,\n"                 /* earliest open follow-up */
"  next_kind TEXT,\n"
"  claimed_by INTEGER REFERENCES users(id),\n" /* not derived: a lease */
"  claim_expires INTEGER,\n"
"  updated_at INTEGER NOT NULL\n"
") STRICT;\n"
"CREATE INDEX cases_investigator ON cases(investigator_id, contact);\n"
"CREATE TABLE drafts(\n"                   /* call forms being filled */
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  user_id INTEGER NOT NULL REFERENCES users(id),\n"
"  saved_at INTEGER NOT NULL,\n"
"  answers TEXT NOT NULL,\n"                /* key=value lines */
"  PRIMARY KEY(worker_id, user_id)\n"
") STRICT;\n"
"CREATE TABLE audit(\n"                    /* append-only */
"  id INTEGER PRIMARY KEY,\n"
"  at INTEGER NOT NULL,\n"
"  user_id INTEGER REFERENCES users(id),\n"
"  action TEXT NOT NULL,\n"                 /* 'worker.update', 'user.add', ... */
"  entity TEXT NOT NULL DEFAULT '',\n"
"  entity_id INTEGER,\n"
"  field TEXT NOT NULL DEFAULT '',\n"
"  old_value TEXT,\n"
"  new_value TEXT\n"
") STRICT;\n"
"CREATE INDEX audit_entity ON audit(entity, entity_id, at);\n"
"CREATE TRIGGER calls_append_only_u BEFORE UPDATE ON calls BEGIN SELECT RAISE(ABORT, 'calls are append-only'); END;\n"
"CREATE TRIGGER calls_append_only_d BEFORE DELETE ON calls BEGIN SELECT RAISE(ABORT, 'calls are append-only'); END;\n"
"CREATE TRIGGER answers_append_only_u BEFORE UPDATE ON call_answers BEGIN SELECT RAISE(ABORT, 'call answers are append-only'); END;\n"
"CREATE TRIGGER answers_append_only_d BEFORE DELETE ON call_answers BEGIN SELECT RAISE(ABORT, 'call answers are append-only'); END;\n"
"CREATE TRIGGER assignments_append_only_u BEFORE UPDATE ON assignments BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;\n"
"CREATE TRIGGER assignments_append_only_d BEFORE DELETE ON assignments BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;\n"
"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n",
/* 2: indexes for the call queue, claims and search (db/queue.c, claims.c, search.c) */
"CREATE INDEX followups_owner_open ON followups(owner_id, kind) WHERE done_at IS NULL;\n"
"CREATE INDEX cases_claimed ON cases(claimed_by) WHERE claimed_by IS NOT NULL;\n"
"CREATE INDEX workers_idnum_tail ON workers(substr(id_number, 15));\n"
"CREATE INDEX phones_search ON phones(e164, worker_id, display) WHERE removed_at IS NULL;\n",
/* 3: phones_search answers every lookup by number (they all ask for
 * current numbers); phones_e164 only cost each import a second sort */
"DROP INDEX IF EXISTS phones_e164;\n",
/* 4: CHECK(x IN (three or more constants)) makes SQLite build a temporary
 * b-tree for every row written; the same checks as comparisons.  A CHECK
 * cannot be altered: the two tables are made again, rows and ids kept. */
"CREATE TABLE phones_4(\n"
"  id INTEGER PRIMARY KEY,\n"
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  rank INTEGER NOT NULL,\n"
"  typed TEXT NOT NULL,\n"
"  e164 TEXT NOT NULL,\n"
"  extension TEXT NOT NULL DEFAULT '',\n"
"  kind TEXT NOT NULL CHECK(kind = 'mobile' OR kind = 'fixed' OR kind = 'other'),\n"
"  display TEXT NOT NULL,\n"
"  region TEXT NOT NULL DEFAULT '',\n"
"  created_at INTEGER NOT NULL,\n"
"  removed_at INTEGER\n"
") STRICT;\n"
"INSERT INTO phones_4 SELECT * FROM phones;\n"
"DROP TABLE phones;\n"
"ALTER TABLE phones_4 RENAME TO phones;\n"
"CREATE UNIQUE INDEX phones_current ON phones(worker_id, e164, extension) WHERE removed_at IS NULL;\n"
"CREATE INDEX phones_search ON phones(e164, worker_id, display) WHERE removed_at IS NULL;\n"
"CREATE TABLE cases_4(\n"
"  worker_id INTEGER PRIMARY KEY REFERENCES workers(id),\n"
"  investigator_id INTEGER REFERENCES users(id),\n"
"  contact TEXT NOT NULL DEFAULT 'uncalled' CHECK(contact = 'uncalled' OR "
"contact = 'unreached' OR contact = 'reached' OR contact = 'unreachable'),\n"
"  calls INTEGER NOT NULL DEFAULT 0,\n"
"  failed INTEGER NOT NULL DEFAULT 0,\n"
"  last_call_at INTEGER,\n"
"  last_outcome TEXT,\n"
"  first_reached_at INTEGER,\n"
"  whereabouts TEXT,\n"
"  return_date TEXT,\n"
"  transport TEXT,\n"
"  place TEXT,\n"
"  health_asked INTEGER NOT NULL DEFAULT 0,\n"
"  symptoms TEXT,\n"
"  temperature TEXT,\n"
"  onset_date TEXT,\n"
"  symptomatic INTEGER NOT NULL DEFAULT 0,\n"
"  urged_doctor INTEGER NOT NULL DEFAULT 0,\n"
"  isolation_start TEXT,\n"
"  isolation_end TEXT,\n"
"  work_plan TEXT,\n"
"  note TEXT,\n"
"  next_due_at INTEGER,\n"
"  next_kind TEXT,\n"
"  claimed_by INTEGER REFERENCES users(id),\n"
"  claim_expires INTEGER,\n"
"  updated_at INTEGER NOT NULL\n"
") STRICT;\n"
"INSERT INTO cases_4 SELECT * FROM cases;\n"
"DROP TABLE cases;\n"
"ALTER TABLE cases_4 RENAME TO cases;\n"
"CREATE INDEX cases_investigator ON cases(investigator_id, contact);\n"
"CREATE INDEX cases_claimed ON cases(claimed_by) WHERE claimed_by IS NOT NULL;\n",
/* 5: the lead's village -> investigator map (new workers of a mapped
 * village are assigned by it), escalations closed with a note, and
 * moves waiting for a claim to end */
"CREATE TABLE village_map(\n"
"  village TEXT PRIMARY KEY,\n"
"  investigator_id INTEGER NOT NULL REFERENCES users(id),\n"
"  set_at INTEGER NOT NULL,\n"
"  set_by INTEGER REFERENCES users(id)\n"
") STRICT;\n"
"CREATE TABLE escalation_closes(\n"
"  id INTEGER PRIMARY KEY,\n"
"  worker_id INTEGER NOT NULL REFERENCES workers(id),\n"
"  kind TEXT NOT NULL,\n"                  /* unreachable, not-urged, medical, silent */
"  closed_at INTEGER NOT NULL,\n"
"  closed_by INTEGER REFERENCES users(id),\n"
"  note TEXT NOT NULL\n"
") STRICT;\n"
"CREATE INDEX escalation_closes_worker ON escalation_closes(worker_id, kind, closed_at);\n"
"CREATE TABLE pending_moves(\n"
"  worker_id INTEGER PRIMARY KEY REFERENCES workers(id),\n"
"  to_user INTEGER REFERENCES users(id),\n"
"  by_user INTEGER REFERENCES users(id),\n"
"  at INTEGER NOT NULL\n"
") STRICT;\n",
/* 6: the phones a worker no longer
 * has, for folding which numbers each past call left untried (cases.c,
 * report.c); a partial index holds only removed phones, so an import that
 * adds numbers pays nothing for it */
"CREATE INDEX phones_removed ON phones(worker_id, rank) WHERE removed_at IS NOT NULL;\n",
/* 7: a database made with a pinned clock
 * (PAICHA_NOW given to the init that created it: tests, training) is a
 * sandbox: only there is PAICHA_NOW honoured and may made-up logins be
 * registered.  One row, written once, never removed. */
"CREATE TABLE sandbox(\n"
"  made_at INTEGER NOT NULL,\n"
"  by_login TEXT NOT NULL\n"
") STRICT;\n"
"CREATE TRIGGER sandbox_append_only_u BEFORE UPDATE ON sandbox BEGIN SELECT RAISE(ABORT, 'the sandbox mark is fixed'); END;\n"
"CREATE TRIGGER sandbox_append_only_d BEFORE DELETE ON sandbox BEGIN SELECT RAISE(ABORT, 'the sandbox mark is fixed'); END;\n",
/* 8: workers.version counts the changes of a worker's
 * details and phones, so that of two people editing the same worker the
 * later save is refused (db/workers.c, workers_check_version).  Triggers
 * bump it on every change, whoever makes it (screens, commands, imports);
 * the phones a worker is created with are no change. */
"ALTER TABLE workers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
"CREATE TRIGGER workers_version_details AFTER UPDATE OF id_number, name, gender, "
"birth_date, township, village, grp, work_province, work_city, employer, address "
"ON workers BEGIN UPDATE workers SET version = version + 1 WHERE id = NEW.id; END;\n"
"CREATE TRIGGER workers_version_phone_add AFTER INSERT ON phones "
"WHEN NEW.created_at > (SELECT w.created_at FROM workers w WHERE w.id = NEW.worker_id) "
"BEGIN UPDATE workers SET version = version + 1 WHERE id = NEW.worker_id; END;\n"
"CREATE TRIGGER workers_version_phone_change AFTER UPDATE ON phones "
"BEGIN UPDATE workers SET version = version + 1 WHERE id = NEW.worker_id; END;\n",
/* 9: what the roster said beside the worker's data: its 备注 (the
 * worker's first note; a later import that says something new adds a
 * line, never replaces one) and the phone numbers it gave that were not
 * valid, as typed (a worker with none valid is escalated to the lead to
 * find one through the village).  Lines are separated by '\n'.  Neither
 * is a detail an edit could conflict on: workers.version does not count
 * them. */
"ALTER TABLE workers ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE workers ADD COLUMN phones_invalid TEXT NOT NULL DEFAULT '';\n",
/* 10: the call queue
 * as an index walk (db/queue.c).  queue_keys holds, for each case and each
 * audience that sees it (a user, or 0 = the leads' pool: cases without an
 * investigator or with a disabled one, escalations of nobody in particular,
 * follow-ups of disabled owners), whether it is a never-called case of that
 * audience and its earliest open follow-up there; queue_due holds each open
 * follow-up an audience sees with the queue category it takes once due.
 * Time passing needs no rewrite: a follow-up counts as due when its due_at
 * is past, which the reader compares.  The views say what the rows must be
 * (paicha check compares); triggers rewrite a case's rows in the same
 * transaction as any write that changes them, whoever makes it (a case
 * without an open follow-up, as every case an import makes, by a shorter
 * path: one or two rows of queue_keys). */
"CREATE TABLE queue_keys(\n"
"  worker_id INTEGER NOT NULL,\n"
"  aud INTEGER NOT NULL,\n"
"  cat INTEGER NOT NULL CHECK(cat = 3 OR cat = 5),\n"
"  sdue INTEGER NOT NULL,\n"
"  min_due INTEGER NOT NULL,\n"
"  PRIMARY KEY(worker_id, aud)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE INDEX queue_keys_order ON queue_keys(aud, cat, sdue, worker_id);\n"
"CREATE TABLE queue_due(\n"
"  worker_id INTEGER NOT NULL,\n"
"  aud INTEGER NOT NULL,\n"
"  fid INTEGER NOT NULL,\n"
"  dc INTEGER NOT NULL,\n"
"  due_at INTEGER NOT NULL,\n"
"  kr INTEGER NOT NULL,\n"
"  shadow INTEGER NOT NULL DEFAULT 0,\n"
"  PRIMARY KEY(worker_id, aud, fid)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE INDEX queue_due_order ON queue_due(aud, dc, due_at, worker_id, kr, fid) WHERE shadow = 0;\n"
"CREATE VIEW queue_due_v(worker_id, aud, fid, dc, due_at, kr) AS\n"
"SELECT f.worker_id, f.owner_id, f.id,\n"
"  CASE WHEN f.kind = 'callback' AND f.call_id IS NOT NULL AND k.contact <> 'reached' THEN 4\n"
"       WHEN f.kind = 'health' AND k.symptomatic THEN 2 ELSE 1 END,\n"
"  f.due_at,\n"
"  CASE f.kind WHEN 'escalation' THEN 0 WHEN 'medical' THEN 1 WHEN 'health' THEN 2\n"
"       WHEN 'callback' THEN 3 ELSE 4 END\n"
"FROM followups f JOIN cases k ON k.worker_id = f.worker_id\n"
"WHERE f.done_at IS NULL AND f.owner_id IS NOT NULL\n"
"UNION ALL\n"
"SELECT f.worker_id, 0, f.id,\n"
"  CASE WHEN f.kind = 'callback' AND f.call_id IS NOT NULL AND k.contact <> 'reached' THEN 4\n"
"       WHEN f.kind = 'health' AND k.symptomatic THEN 2 ELSE 1 END,\n"
"  f.due_at,\n"
"  CASE f.kind WHEN 'escalation' THEN 0 WHEN 'medical' THEN 1 WHEN 'health' THEN 2\n"
"       WHEN 'callback' THEN 3 ELSE 4 END\n"
"FROM followups f JOIN cases k ON k.worker_id = f.worker_id\n"
"WHERE f.done_at IS NULL AND ((f.owner_id IS NULL AND (f.kind = 'escalation' OR k.investigator_id IS NULL\n"
"    OR EXISTS(SELECT 1 FROM users g WHERE g.id = k.investigator_id AND g.active = 0)))\n"
"  OR EXISTS(SELECT 1 FROM users g WHERE g.id = f.owner_id AND g.active = 0))\n"
"UNION ALL\n"
"SELECT f.worker_id, k.investigator_id, f.id,\n"
"  CASE WHEN f.kind = 'callback' AND f.call_id IS NOT NULL AND k.contact <> 'reached' THEN 4\n"
"       WHEN f.kind = 'health' AND k.symptomatic THEN 2 ELSE 1 END,\n"
"  f.due_at,\n"
"  CASE f.kind WHEN 'escalation' THEN 0 WHEN 'medical' THEN 1 WHEN 'health' THEN 2\n"
"       WHEN 'callback' THEN 3 ELSE 4 END\n"
"FROM followups f JOIN cases k ON k.worker_id = f.worker_id\n"
"WHERE f.done_at IS NULL AND f.owner_id IS NULL AND f.kind <> 'escalation' AND k.investigator_id IS NOT NULL\n"
"  AND (k.contact <> 'unreachable' OR NOT EXISTS(SELECT 1 FROM followups e\n"
"    WHERE e.worker_id = k.worker_id AND e.done_at IS NULL AND e.kind = 'escalation'));\n"
"CREATE VIEW queue_keys_v(worker_id, aud, cat, sdue, min_due) AS\n"
"SELECT worker_id, aud, CASE WHEN c3 THEN 3 ELSE 5 END, CASE WHEN c3 THEN 0 ELSE min_due END, min_due\n"
"FROM (\n"
"SELECT k.worker_id, k.investigator_id AS aud, k.contact = 'uncalled' AS c3,\n"
"  coalesce((SELECT min(f.due_at) FROM followups f WHERE f.worker_id = k.worker_id AND f.done_at IS NULL\n"
"    AND (f.owner_id = k.investigator_id OR (f.owner_id IS NULL AND f.kind <> 'escalation'))), 9223372036854775807) AS min_due\n"
"FROM cases k WHERE k.investigator_id IS NOT NULL AND (k.contact <> 'unreachable'\n"
"  OR NOT EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = k.worker_id AND e.done_at IS NULL\n"
"    AND e.kind = 'escalation'))\n"
"UNION ALL\n"
"SELECT k.worker_id, 0, k.contact = 'uncalled' AND (k.investigator_id IS NULL\n"
"    OR EXISTS(SELECT 1 FROM users g WHERE g.id = k.investigator_id AND g.active = 0)),\n"
"  coalesce((SELECT min(f.due_at) FROM followups f WHERE f.worker_id = k.worker_id AND f.done_at IS NULL\n"
"    AND ((f.owner_id IS NULL AND (f.kind = 'escalation' OR k.investigator_id IS NULL\n"
"      OR EXISTS(SELECT 1 FROM users g WHERE g.id = k.investigator_id AND g.active = 0))) OR EXISTS(SELECT 1 FROM users g WHERE g.id = f.owner_id AND g.active = 0))), 9223372036854775807)\n"
"FROM cases k WHERE k.investigator_id IS NULL OR EXISTS(SELECT 1 FROM users g WHERE g.id = k.investigator_id AND g.active = 0)\n"
"  OR EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = k.worker_id AND e.done_at IS NULL\n"
"    AND ((e.owner_id IS NULL AND e.kind = 'escalation') OR EXISTS(SELECT 1 FROM users g WHERE g.id = e.owner_id AND g.active = 0)))\n"
"UNION ALL\n"
"SELECT f.worker_id, f.owner_id, k.contact = 'uncalled' AND k.investigator_id = f.owner_id,\n"
"  (SELECT min(o.due_at) FROM followups o WHERE o.worker_id = f.worker_id AND o.done_at IS NULL\n"
"    AND o.owner_id = f.owner_id)\n"
"FROM followups f JOIN cases k ON k.worker_id = f.worker_id\n"
"WHERE f.done_at IS NULL AND f.owner_id IS NOT NULL\n"
"  AND NOT EXISTS(SELECT 1 FROM followups o WHERE o.worker_id = f.worker_id AND o.done_at IS NULL\n"
"    AND o.owner_id = f.owner_id AND o.id < f.id)\n"
"  AND NOT (f.owner_id IS k.investigator_id AND (k.contact <> 'unreachable'\n"
"    OR NOT EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = k.worker_id AND e.done_at IS NULL\n"
"      AND e.kind = 'escalation'))));\n"
"INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v;\n"
"UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"    AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"    AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid));\n"
"INSERT INTO queue_keys SELECT * FROM queue_keys_v;\n"
"CREATE TRIGGER queue_case_add AFTER INSERT ON cases WHEN NOT EXISTS(SELECT 1 FROM followups f WHERE f.worker_id = NEW.worker_id AND f.done_at IS NULL) BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = NEW.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_keys SELECT NEW.worker_id, a, CASE WHEN NEW.contact = 'uncalled' THEN 3 ELSE 5 END,\n"
"    CASE WHEN NEW.contact = 'uncalled' THEN 0 ELSE 9223372036854775807 END, 9223372036854775807\n"
"  FROM (SELECT NEW.investigator_id AS a WHERE NEW.investigator_id IS NOT NULL\n"
"    UNION ALL SELECT 0 WHERE NEW.investigator_id IS NULL\n"
"      OR EXISTS(SELECT 1 FROM users g WHERE g.id = NEW.investigator_id AND g.active = 0));\n"
"END;\n"
"CREATE TRIGGER queue_case_add_followed AFTER INSERT ON cases WHEN EXISTS(SELECT 1 FROM followups f WHERE f.worker_id = NEW.worker_id AND f.done_at IS NULL) BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v WHERE worker_id = NEW.worker_id;\n"
"  UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"      AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"      AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid))\n"
"    WHERE worker_id = NEW.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_keys SELECT * FROM queue_keys_v WHERE worker_id = NEW.worker_id;\n"
"END;\n"
"CREATE TRIGGER queue_case_change AFTER UPDATE OF investigator_id, contact, symptomatic ON cases\n"
"WHEN (OLD.investigator_id IS NOT NEW.investigator_id OR OLD.contact IS NOT NEW.contact\n"
"  OR OLD.symptomatic IS NOT NEW.symptomatic) AND NOT EXISTS(SELECT 1 FROM followups f WHERE f.worker_id = NEW.worker_id AND f.done_at IS NULL) BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = NEW.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_keys SELECT NEW.worker_id, a, CASE WHEN NEW.contact = 'uncalled' THEN 3 ELSE 5 END,\n"
"    CASE WHEN NEW.contact = 'uncalled' THEN 0 ELSE 9223372036854775807 END, 9223372036854775807\n"
"  FROM (SELECT NEW.investigator_id AS a WHERE NEW.investigator_id IS NOT NULL\n"
"    UNION ALL SELECT 0 WHERE NEW.investigator_id IS NULL\n"
"      OR EXISTS(SELECT 1 FROM users g WHERE g.id = NEW.investigator_id AND g.active = 0));\n"
"END;\n"
"CREATE TRIGGER queue_case_change_followed AFTER UPDATE OF investigator_id, contact, symptomatic ON cases\n"
"WHEN (OLD.investigator_id IS NOT NEW.investigator_id OR OLD.contact IS NOT NEW.contact\n"
"  OR OLD.symptomatic IS NOT NEW.symptomatic) AND EXISTS(SELECT 1 FROM followups f WHERE f.worker_id = NEW.worker_id AND f.done_at IS NULL) BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v WHERE worker_id = NEW.worker_id;\n"
"  UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"      AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"      AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid))\n"
"    WHERE worker_id = NEW.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_keys SELECT * FROM queue_keys_v WHERE worker_id = NEW.worker_id;\n"
"END;\n"
"CREATE TRIGGER queue_case_drop AFTER DELETE ON cases BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = OLD.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = OLD.worker_id;\n"
"END;\n"
"CREATE TRIGGER queue_followup_add AFTER INSERT ON followups WHEN NEW.done_at IS NULL BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v WHERE worker_id = NEW.worker_id;\n"
"  UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"      AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"      AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid))\n"
"    WHERE worker_id = NEW.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO queue_keys SELECT * FROM queue_keys_v WHERE worker_id = NEW.worker_id;\n"
"END;\n"
"CREATE TRIGGER queue_followup_change AFTER UPDATE OF worker_id, kind, due_at, owner_id, call_id, done_at ON followups\n"
"WHEN OLD.worker_id IS NOT NEW.worker_id OR OLD.kind IS NOT NEW.kind OR OLD.due_at IS NOT NEW.due_at\n"
"  OR OLD.owner_id IS NOT NEW.owner_id OR OLD.call_id IS NOT NEW.call_id\n"
"  OR OLD.done_at IS NOT NEW.done_at BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id IN (OLD.worker_id, NEW.worker_id);\n"
"  INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v WHERE worker_id IN (OLD.worker_id, NEW.worker_id);\n"
"  UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"      AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"      AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid))\n"
"    WHERE worker_id IN (OLD.worker_id, NEW.worker_id);\n"
"  DELETE FROM queue_keys WHERE worker_id IN (OLD.worker_id, NEW.worker_id);\n"
"  INSERT INTO queue_keys SELECT * FROM queue_keys_v WHERE worker_id IN (OLD.worker_id, NEW.worker_id);\n"
"END;\n"
"CREATE TRIGGER queue_followup_drop AFTER DELETE ON followups BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id = OLD.worker_id;\n"
"  INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v WHERE worker_id = OLD.worker_id;\n"
"  UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"      AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"      AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid))\n"
"    WHERE worker_id = OLD.worker_id;\n"
"  DELETE FROM queue_keys WHERE worker_id = OLD.worker_id;\n"
"  INSERT INTO queue_keys SELECT * FROM queue_keys_v WHERE worker_id = OLD.worker_id;\n"
"END;\n"
"CREATE TRIGGER queue_user_change AFTER UPDATE OF active ON users\n"
"WHEN OLD.active IS NOT NEW.active BEGIN\n"
"  DELETE FROM queue_due WHERE worker_id IN (SELECT worker_id FROM cases WHERE investigator_id = NEW.id\n"
"    UNION SELECT worker_id FROM followups WHERE owner_id = NEW.id AND done_at IS NULL);\n"
"  INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v WHERE worker_id IN (SELECT worker_id FROM cases\n"
"    WHERE investigator_id = NEW.id UNION SELECT worker_id FROM followups WHERE owner_id = NEW.id\n"
"    AND done_at IS NULL);\n"
"  UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id\n"
"      AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at\n"
"      AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid))\n"
"    WHERE worker_id IN (SELECT worker_id FROM cases\n"
"    WHERE investigator_id = NEW.id UNION SELECT worker_id FROM followups WHERE owner_id = NEW.id\n"
"    AND done_at IS NULL);\n"
"  DELETE FROM queue_keys WHERE worker_id IN (SELECT worker_id FROM cases WHERE investigator_id = NEW.id\n"
"    UNION SELECT worker_id FROM followups WHERE owner_id = NEW.id AND done_at IS NULL);\n"
"  INSERT INTO queue_keys SELECT * FROM queue_keys_v WHERE worker_id IN (SELECT worker_id FROM cases\n"
"    WHERE investigator_id = NEW.id UNION SELECT worker_id FROM followups WHERE owner_id = NEW.id\n"
"    AND done_at IS NULL);\n"
"END;\n",
/* The lead's counts (db/tally.c): case_tally holds how many cases there
 * are of each (township, village, group, contact, whereabouts, place,
 * work plan, symptomatic, urged, isolation) as the cases stand now, kept
 * by triggers on cases and workers so every writer keeps it; a report as
 * of a past instant starts from it and folds only the workers changed
 * since.  `paicha check` counts it again from the cases. */
"CREATE TABLE case_tally(\n"
"  township TEXT NOT NULL, village TEXT NOT NULL, grp TEXT NOT NULL, contact TEXT NOT NULL,\n"
"  whereabouts TEXT NOT NULL, place TEXT NOT NULL, work_plan TEXT NOT NULL,\n"
"  sym INTEGER NOT NULL, urged INTEGER NOT NULL, iso_start TEXT NOT NULL, iso_end TEXT NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY(township, village, grp, contact, whereabouts, place, work_plan, sym, urged,\n"
"    iso_start, iso_end)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE VIEW case_tally_v AS SELECT c.worker_id, " TALLY_KEY("c", "w") " FROM cases c\n"
"  JOIN workers w ON w.id = c.worker_id;\n"
SCHEMA_FILL_CASE_TALLY
"CREATE INDEX workers_created ON workers(created_at);\n"
"CREATE INDEX audit_worker_update ON audit(at) WHERE action = 'worker.update';\n"
"CREATE TRIGGER tally_case_add AFTER INSERT ON cases BEGIN\n"
TALLY_PLUS("NEW", "w", "FROM workers w WHERE w.id = NEW.worker_id")
"END;\n"
"CREATE TRIGGER tally_case_drop AFTER DELETE ON cases BEGIN\n"
TALLY_MINUS("OLD", "w", "FROM workers w WHERE w.id = OLD.worker_id")
"END;\n"
"CREATE TRIGGER tally_case_change AFTER UPDATE OF contact, whereabouts, place, work_plan,\n"
"  health_asked, symptomatic, urged_doctor, isolation_start, isolation_end ON cases\n"
"WHEN OLD.contact IS NOT NEW.contact OR OLD.whereabouts IS NOT NEW.whereabouts\n"
"  OR OLD.place IS NOT NEW.place OR OLD.work_plan IS NOT NEW.work_plan\n"
"  OR OLD.health_asked IS NOT NEW.health_asked OR OLD.symptomatic IS NOT NEW.symptomatic\n"
"  OR OLD.urged_doctor IS NOT NEW.urged_doctor OR OLD.isolation_start IS NOT NEW.isolation_start\n"
"  OR OLD.isolation_end IS NOT NEW.isolation_end BEGIN\n"
TALLY_MINUS("OLD", "w", "FROM workers w WHERE w.id = OLD.worker_id")
TALLY_PLUS("NEW", "w", "FROM workers w WHERE w.id = NEW.worker_id")
"END;\n"
/* call_day_tally: how many workers were called on each local day (the
 * day of (at + 8 h) / 24 h, China's clock), by their village now. */
"CREATE TABLE call_day_tally(\n"
"  day INTEGER NOT NULL, township TEXT NOT NULL, village TEXT NOT NULL, n INTEGER NOT NULL,\n"
"  PRIMARY KEY(day, township, village)\n"
") STRICT, WITHOUT ROWID;\n"
SCHEMA_FILL_CALL_DAY_TALLY
"CREATE TRIGGER tally_call_add AFTER INSERT ON calls WHEN NOT EXISTS(SELECT 1 FROM calls k\n"
"  WHERE k.worker_id = NEW.worker_id AND k.id <> NEW.id\n"
"  AND k.at >= " CALL_DAY("NEW.at") " * 86400 - 28800 AND k.at < " CALL_DAY("NEW.at") " * 86400 + 57600) BEGIN\n"
"  INSERT INTO call_day_tally SELECT " CALL_DAY("NEW.at") ", w.township, w.village, 1 FROM workers w\n"
"    WHERE w.id = NEW.worker_id ON CONFLICT DO UPDATE SET n = n + 1;\n"
"END;\n"
"CREATE TRIGGER tally_worker_days AFTER UPDATE OF township, village ON workers\n"
"WHEN OLD.township IS NOT NEW.township OR OLD.village IS NOT NEW.village BEGIN\n"
"  UPDATE call_day_tally SET n = n - 1 WHERE township = OLD.township AND village = OLD.village\n"
"    AND day IN (SELECT " CALL_DAY("at") " FROM calls WHERE worker_id = OLD.id);\n"
"  DELETE FROM call_day_tally WHERE n = 0 AND township = OLD.township AND village = OLD.village;\n"
"  INSERT INTO call_day_tally SELECT DISTINCT " CALL_DAY("at") ", NEW.township, NEW.village, 1\n"
"    FROM calls WHERE worker_id = NEW.id ON CONFLICT DO UPDATE SET n = n + 1;\n"
"END;\n"
/* The team view's counts: case_inv_tally, the cases of each investigator
 * (0 = unassigned) by contact; fu_tally, the open follow-ups but
 * escalations of each (the owner, else the case's investigator, else 0)
 * by the ten minutes they are due in (slot = due_at / 600: the overdue
 * are the slots before now's and now's slot read row by row); calls_user
 * for each one's last call. */
"CREATE TABLE case_inv_tally(\n"
"  uid INTEGER NOT NULL, contact TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(uid, contact)\n"
") STRICT, WITHOUT ROWID;\n"
SCHEMA_FILL_CASE_INV_TALLY
"CREATE TABLE fu_tally(\n"
"  uid INTEGER NOT NULL, slot INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(uid, slot)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE VIEW fu_tally_v AS SELECT f.id, coalesce(f.owner_id, c.investigator_id, 0) AS uid,\n"
"  " FU_SLOT("f.due_at") " AS slot, f.due_at FROM followups f LEFT JOIN cases c ON c.worker_id = f.worker_id\n"
"  WHERE f.done_at IS NULL AND f.kind <> 'escalation';\n"
SCHEMA_FILL_FU_TALLY
"CREATE INDEX calls_user ON calls(user_id, at);\n"
"CREATE TRIGGER team_case_add AFTER INSERT ON cases BEGIN\n"
"  INSERT INTO case_inv_tally VALUES(coalesce(NEW.investigator_id, 0), NEW.contact, 1)\n"
"    ON CONFLICT DO UPDATE SET n = n + 1;\n"
"END;\n"
"CREATE TRIGGER team_case_add_fu AFTER INSERT ON cases\n"
"WHEN NEW.investigator_id IS NOT NULL AND " FU_UNOWNED("NEW.worker_id") " BEGIN\n"
FU_MOVE("NEW.worker_id", "0", "coalesce(NEW.investigator_id, 0)")
"END;\n"
"CREATE TRIGGER team_case_drop AFTER DELETE ON cases BEGIN\n"
"  UPDATE case_inv_tally SET n = n - 1 WHERE uid = coalesce(OLD.investigator_id, 0)\n"
"    AND contact = OLD.contact;\n"
"  DELETE FROM case_inv_tally WHERE n = 0 AND uid = coalesce(OLD.investigator_id, 0);\n"
"END;\n"
"CREATE TRIGGER team_case_drop_fu AFTER DELETE ON cases\n"
"WHEN OLD.investigator_id IS NOT NULL AND " FU_UNOWNED("OLD.worker_id") " BEGIN\n"
FU_MOVE("OLD.worker_id", "coalesce(OLD.investigator_id, 0)", "0")
"END;\n"
"CREATE TRIGGER team_case_change AFTER UPDATE OF investigator_id, contact ON cases\n"
"WHEN OLD.investigator_id IS NOT NEW.investigator_id OR OLD.contact IS NOT NEW.contact BEGIN\n"
"  UPDATE case_inv_tally SET n = n - 1 WHERE uid = coalesce(OLD.investigator_id, 0)\n"
"    AND contact = OLD.contact;\n"
"  DELETE FROM case_inv_tally WHERE n = 0 AND uid = coalesce(OLD.investigator_id, 0);\n"
"  INSERT INTO case_inv_tally VALUES(coalesce(NEW.investigator_id, 0), NEW.contact, 1)\n"
"    ON CONFLICT DO UPDATE SET n = n + 1;\n"
"END;\n"
"CREATE TRIGGER team_case_move_fu AFTER UPDATE OF investigator_id ON cases\n"
"WHEN OLD.investigator_id IS NOT NEW.investigator_id AND " FU_UNOWNED("NEW.worker_id") " BEGIN\n"
FU_MOVE("NEW.worker_id", "coalesce(OLD.investigator_id, 0)", "coalesce(NEW.investigator_id, 0)")
"END;\n"
"CREATE TRIGGER team_fu_add AFTER INSERT ON followups\n"
"WHEN NEW.done_at IS NULL AND NEW.kind <> 'escalation' BEGIN\n"
FU_PLUS("NEW")
"END;\n"
"CREATE TRIGGER team_fu_drop AFTER DELETE ON followups\n"
"WHEN OLD.done_at IS NULL AND OLD.kind <> 'escalation' BEGIN\n"
FU_MINUS("OLD")
"END;\n"
"CREATE TRIGGER team_fu_change AFTER UPDATE OF worker_id, kind, due_at, owner_id, done_at ON followups\n"
"WHEN OLD.worker_id IS NOT NEW.worker_id OR OLD.kind IS NOT NEW.kind OR OLD.due_at IS NOT NEW.due_at\n"
"  OR OLD.owner_id IS NOT NEW.owner_id OR OLD.done_at IS NOT NEW.done_at BEGIN\n"
FU_MINUS("OLD")
FU_PLUS("NEW")
"END;\n"
/* calls_per_day: how many calls each local day had (coverage's chart). */
"CREATE TABLE calls_per_day(day INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;\n"
SCHEMA_FILL_CALLS_PER_DAY
"CREATE TRIGGER tally_call_count AFTER INSERT ON calls BEGIN\n"
"  INSERT INTO calls_per_day VALUES(" CALL_DAY("NEW.at") ", 1) ON CONFLICT DO UPDATE SET n = n + 1;\n"
"END;\n"
/* a bulk import copies the workers in after their cases */
"CREATE TRIGGER tally_worker_add AFTER INSERT ON workers\n"
"WHEN EXISTS(SELECT 1 FROM cases c WHERE c.worker_id = NEW.id) BEGIN\n"
TALLY_PLUS("c", "NEW", "FROM cases c WHERE c.worker_id = NEW.id")
"END;\n"
"CREATE TRIGGER tally_worker_change AFTER UPDATE OF township, village, grp ON workers\n"
"WHEN OLD.township IS NOT NEW.township OR OLD.village IS NOT NEW.village\n"
"  OR OLD.grp IS NOT NEW.grp BEGIN\n"
TALLY_MINUS("c", "OLD", "FROM cases c WHERE c.worker_id = OLD.id")
TALLY_PLUS("c", "NEW", "FROM cases c WHERE c.worker_id = NEW.id")
"END;\n",
/* 12: what changed, for live screens (tui/app.c).  changes holds one
 * counter per audience of the queue (a user, 0 = the leads' pool; see
 * migration 10) and -1, "anything a screen shows".  Triggers bump them in
 * the transaction of the write, whoever makes it: an audience's counter
 * whenever one of its queue_keys rows comes or goes (every rewrite of
 * queue_due goes with one of queue_keys for the same cases, and the
 * audiences of a case's queue_due rows are among those of its queue_keys
 * rows) or something its queue shows of one of its cases changes (the
 * case, the worker's name and phones, the claim's holder, users' names);
 * -1 with all of those and with calls, follow-ups, assignments, the
 * lead's maps and moves, settings.  Not bumped: drafts, the audit log, a
 * claim renewed by its holder (only claim_expires changes), a case's
 * updated_at alone; a screen that reads its counters and finds them
 * unmoved reads nothing else. */
"CREATE TABLE changes(\n"
"  audience INTEGER PRIMARY KEY,\n"
"  seq INTEGER NOT NULL DEFAULT 0\n"
") STRICT;\n"
"INSERT INTO changes(audience) SELECT -1 UNION ALL SELECT 0 UNION ALL SELECT id FROM users;\n"
"CREATE TRIGGER changes_user_add AFTER INSERT ON users BEGIN\n"
"  INSERT OR IGNORE INTO changes(audience) VALUES(NEW.id);\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience = -1;\n"
"END;\n"
"CREATE TRIGGER changes_user_change AFTER UPDATE ON users BEGIN UPDATE changes SET seq = seq + 1; END;\n"
"CREATE TRIGGER changes_queue_add AFTER INSERT ON queue_keys BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (NEW.aud, -1);\n"
"END;\n"
"CREATE TRIGGER changes_queue_drop AFTER DELETE ON queue_keys BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (OLD.aud, -1);\n"
"END;\n"
"CREATE TRIGGER changes_queue_change AFTER UPDATE ON queue_keys BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (OLD.aud, NEW.aud, -1);\n"
"END;\n"
"CREATE TRIGGER changes_case AFTER UPDATE OF\n"
"  investigator_id, contact, calls, failed, last_call_at, last_outcome, "
"  first_reached_at, whereabouts, return_date, transport, place, "
"  health_asked, symptoms, temperature, onset_date, symptomatic, "
"  urged_doctor, isolation_start, isolation_end, work_plan, note, "
"  next_due_at, next_kind, claimed_by\n"
"ON cases WHEN\n"
"  OLD.investigator_id IS NOT NEW.investigator_id OR "
"  OLD.contact IS NOT NEW.contact OR OLD.calls IS NOT NEW.calls OR "
"  OLD.failed IS NOT NEW.failed OR "
"  OLD.last_call_at IS NOT NEW.last_call_at OR "
"  OLD.last_outcome IS NOT NEW.last_outcome OR "
"  OLD.first_reached_at IS NOT NEW.first_reached_at OR "
"  OLD.whereabouts IS NOT NEW.whereabouts OR "
"  OLD.return_date IS NOT NEW.return_date OR "
"  OLD.transport IS NOT NEW.transport OR OLD.place IS NOT NEW.place OR "
"  OLD.health_asked IS NOT NEW.health_asked OR "
"  OLD.symptoms IS NOT NEW.symptoms OR "
"  OLD.temperature IS NOT NEW.temperature OR "
"  OLD.onset_date IS NOT NEW.onset_date OR "
"  OLD.symptomatic IS NOT NEW.symptomatic OR "
"  OLD.urged_doctor IS NOT NEW.urged_doctor OR "
"  OLD.isolation_start IS NOT NEW.isolation_start OR "
"  OLD.isolation_end IS NOT NEW.isolation_end OR "
"  OLD.work_plan IS NOT NEW.work_plan OR OLD.note IS NOT NEW.note OR "
"  OLD.next_due_at IS NOT NEW.next_due_at OR "
"  OLD.next_kind IS NOT NEW.next_kind OR OLD.claimed_by IS NOT NEW.claimed_by\n"
"BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (SELECT aud FROM queue_keys WHERE worker_id = NEW.worker_id UNION ALL SELECT -1);\n"
"END;\n"
"CREATE TRIGGER changes_worker AFTER UPDATE ON workers BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (SELECT aud FROM queue_keys WHERE worker_id = NEW.id UNION ALL SELECT -1);\n"
"END;\n"
"CREATE TRIGGER changes_phone_add AFTER INSERT ON phones\n"
"WHEN NEW.created_at > (SELECT w.created_at FROM workers w WHERE w.id = NEW.worker_id) BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (SELECT aud FROM queue_keys WHERE worker_id = NEW.worker_id UNION ALL SELECT -1);\n"
"END;\n"
"CREATE TRIGGER changes_phone_change AFTER UPDATE ON phones BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (SELECT aud FROM queue_keys WHERE worker_id = NEW.worker_id UNION ALL SELECT -1);\n"
"END;\n"
"CREATE TRIGGER changes_phone_drop AFTER DELETE ON phones BEGIN\n"
"  UPDATE changes SET seq = seq + 1 WHERE audience IN (SELECT aud FROM queue_keys WHERE worker_id = OLD.worker_id UNION ALL SELECT -1);\n"
"END;\n"
"CREATE TRIGGER changes_calls_i AFTER INSERT ON calls BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_followups_i AFTER INSERT ON followups BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_followups_u AFTER UPDATE ON followups BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_followups_d AFTER DELETE ON followups BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_assignments_i AFTER INSERT ON assignments BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_escalation_closes_i AFTER INSERT ON escalation_closes BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_escalation_closes_u AFTER UPDATE ON escalation_closes BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_escalation_closes_d AFTER DELETE ON escalation_closes BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_pending_moves_i AFTER INSERT ON pending_moves BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_pending_moves_u AFTER UPDATE ON pending_moves BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_pending_moves_d AFTER DELETE ON pending_moves BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_village_map_i AFTER INSERT ON village_map BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_village_map_u AFTER UPDATE ON village_map BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_village_map_d AFTER DELETE ON village_map BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_settings_i AFTER INSERT ON settings BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_settings_u AFTER UPDATE ON settings BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n"
"CREATE TRIGGER changes_settings_d AFTER DELETE ON settings BEGIN UPDATE changes SET seq = seq + 1 WHERE audience = -1; END;\n",
/* 13: the lead's escalations as an index walk (db/lead.c).  esc_keys holds
 * one row for each open escalation of each kind (the numbers of enum
 * lead_esc_kind) with the time it is open since, in the order the lead
 * sees them.  Two kinds depend on the clock: a medical follow-up is an
 * escalation once overdue by a day, a case nobody reached once nobody has
 * called it for three: their rows are there as soon as the rest of the
 * condition holds, and the reader compares since with now (as the queue
 * compares due times), so time passing needs no rewrite.  Closed
 * escalations (escalation_closes, after the case's last call) have no
 * row.  Triggers make a worker's rows again from esc_keys_v in the
 * transaction of any write that changes them, whoever makes it; paicha
 * check compares the table with the view (check_tallies). */
"CREATE TABLE esc_keys(\n"
"  kind INTEGER NOT NULL,\n"
"  since INTEGER NOT NULL,\n"
"  worker_id INTEGER NOT NULL,\n"
"  PRIMARY KEY(kind, since, worker_id)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE INDEX esc_keys_worker ON esc_keys(worker_id);\n"
"CREATE VIEW esc_keys_v(kind, since, worker_id) AS\n"
ESC_ROWS("c", " FROM cases c", " FROM cases c JOIN workers w ON w.id = c.worker_id WHERE") ";\n"
SCHEMA_FILL_ESC_KEYS
/* a new case: its own rows from NEW, without esc_keys_v's lookup of it */
"CREATE TRIGGER esc_case_add AFTER INSERT ON cases BEGIN\n"
"  DELETE FROM esc_keys WHERE worker_id = NEW.worker_id;\n"
"  INSERT INTO esc_keys " ESC_ROWS("NEW", "", " FROM workers w WHERE w.id = NEW.worker_id AND") ";\n"
"END;\n"
"CREATE TRIGGER esc_case_drop AFTER DELETE ON cases BEGIN\n"
"  DELETE FROM esc_keys WHERE worker_id = OLD.worker_id;\n"
"END;\n"
"CREATE TRIGGER esc_case_change AFTER UPDATE OF worker_id, contact, last_call_at, health_asked,\n"
"  symptomatic, urged_doctor ON cases\n"
"WHEN OLD.worker_id IS NOT NEW.worker_id OR OLD.contact IS NOT NEW.contact\n"
"  OR OLD.last_call_at IS NOT NEW.last_call_at OR OLD.health_asked IS NOT NEW.health_asked\n"
"  OR OLD.symptomatic IS NOT NEW.symptomatic OR OLD.urged_doctor IS NOT NEW.urged_doctor BEGIN\n"
ESC_REDO("OLD.worker_id, NEW.worker_id")
"END;\n"
/* a worker's and its phones' first rows come before its case: the case's
 * trigger makes its rows */
"CREATE TRIGGER esc_worker_add AFTER INSERT ON workers\n"
"WHEN EXISTS(SELECT 1 FROM cases c WHERE c.worker_id = NEW.id) BEGIN\n"
ESC_REDO("NEW.id")
"END;\n"
"CREATE TRIGGER esc_worker_change AFTER UPDATE OF id, source, created_at ON workers\n"
"WHEN OLD.id IS NOT NEW.id OR OLD.source IS NOT NEW.source OR OLD.created_at IS NOT NEW.created_at BEGIN\n"
ESC_REDO("OLD.id, NEW.id")
"END;\n"
"CREATE TRIGGER esc_worker_drop AFTER DELETE ON workers BEGIN\n"
ESC_REDO("OLD.id")
"END;\n"
/* a current number added: no longer no-number, and a case not reached is
 * one nobody called (kinds 4 and 3); the others do not change */
"CREATE TRIGGER esc_phone_add AFTER INSERT ON phones\n"
"WHEN NEW.removed_at IS NULL AND EXISTS(SELECT 1 FROM cases c WHERE c.worker_id = NEW.worker_id) BEGIN\n"
"  DELETE FROM esc_keys WHERE worker_id = NEW.worker_id AND kind = 4;\n"
"  INSERT OR IGNORE INTO esc_keys SELECT 3, coalesce(c.last_call_at, w.created_at), c.worker_id\n"
"    FROM cases c JOIN workers w ON w.id = c.worker_id WHERE c.worker_id = NEW.worker_id\n"
"    AND c.contact IN ('uncalled', 'unreached') AND " ESC_OPEN("c", "silent") ";\n"
"END;\n"
"CREATE TRIGGER esc_phone_add_removed AFTER INSERT ON phones\n"
"WHEN NEW.removed_at IS NOT NULL AND EXISTS(SELECT 1 FROM cases c WHERE c.worker_id = NEW.worker_id) BEGIN\n"
ESC_REDO("NEW.worker_id")
"END;\n"
"CREATE TRIGGER esc_phone_change AFTER UPDATE OF worker_id, removed_at ON phones\n"
"WHEN OLD.worker_id IS NOT NEW.worker_id OR OLD.removed_at IS NOT NEW.removed_at BEGIN\n"
ESC_REDO("OLD.worker_id, NEW.worker_id")
"END;\n"
"CREATE TRIGGER esc_phone_drop AFTER DELETE ON phones BEGIN\n"
ESC_REDO("OLD.worker_id")
"END;\n"
"CREATE TRIGGER esc_fu_add AFTER INSERT ON followups\n"
"WHEN NEW.kind = 'medical' AND NEW.done_at IS NULL BEGIN\n"
ESC_REDO("NEW.worker_id")
"END;\n"
"CREATE TRIGGER esc_fu_change AFTER UPDATE OF worker_id, kind, due_at, done_at ON followups\n"
"WHEN (OLD.kind = 'medical' OR NEW.kind = 'medical') AND (OLD.worker_id IS NOT NEW.worker_id\n"
"  OR OLD.kind IS NOT NEW.kind OR OLD.due_at IS NOT NEW.due_at OR OLD.done_at IS NOT NEW.done_at) BEGIN\n"
ESC_REDO("OLD.worker_id, NEW.worker_id")
"END;\n"
"CREATE TRIGGER esc_fu_drop AFTER DELETE ON followups\n"
"WHEN OLD.kind = 'medical' AND OLD.done_at IS NULL BEGIN\n"
ESC_REDO("OLD.worker_id")
"END;\n"
"CREATE TRIGGER esc_close_add AFTER INSERT ON escalation_closes BEGIN\n"
ESC_REDO("NEW.worker_id")
"END;\n"
"CREATE TRIGGER esc_close_change AFTER UPDATE ON escalation_closes BEGIN\n"
ESC_REDO("OLD.worker_id, NEW.worker_id")
"END;\n"
"CREATE TRIGGER esc_close_drop AFTER DELETE ON escalation_closes BEGIN\n"
ESC_REDO("OLD.worker_id")
"END;\n",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

const char schema_tally_fill[] =
"DELETE FROM case_tally; DELETE FROM call_day_tally; DELETE FROM case_inv_tally;\n"
"DELETE FROM fu_tally; DELETE FROM calls_per_day; DELETE FROM esc_keys;\n"
SCHEMA_FILL_CASE_TALLY SCHEMA_FILL_CALL_DAY_TALLY SCHEMA_FILL_CASE_INV_TALLY SCHEMA_FILL_FU_TALLY
SCHEMA_FILL_CALLS_PER_DAY SCHEMA_FILL_ESC_KEYS;

int
schema_latest(void)
{
	return N_MIGRATIONS;
}

int
schema_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "PRAGMA user_version"), -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Apply migration number `to` (1-based) in its own transaction. */
static int
migrate_one(struct db *db, int to)
{
	char pragma[64];

	if (db_begin_write(db) != 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (schema_version(db) >= to)
		return db_commit(db);
	if (db_exec(db, migrations[to - 1]) != 0)
		goto fail;
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", to);
	if (db_exec(db, pragma) != 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int
schema_migrate_to(struct db *db, int target)
{
	int v = schema_version(db);

	if (v < 0)
		return -1;
	if (v > N_MIGRATIONS)
		return db_refuse(db, DB_INVALID, FAULT_DB_NEW_SCHEMA, v, N_MIGRATIONS, NULL, NULL);
	if (target > N_MIGRATIONS)
		target = N_MIGRATIONS;
	for (int to = v + 1; to <= target; to++)
		if (migrate_one(db, to) != 0)
			return -1;
	return 0;
}

int
schema_migrate(struct db *db)
{
	return schema_migrate_to(db, N_MIGRATIONS);
}

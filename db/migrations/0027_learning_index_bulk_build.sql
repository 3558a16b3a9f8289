-- The full-text index of the portfolio's learning (ADR 050) with comments (ADR 072), built in bulk (ADR 122).
-- Generated from app/models/learning-index.server.ts; test/models/learning-index.test.ts keeps the two equal.
DROP TRIGGER IF EXISTS learning_entries_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_entries_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_projects_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_projects_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_projects_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_pdsa_cycles_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_pdsa_cycles_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_pdsa_cycles_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_change_ideas_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_change_ideas_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_change_ideas_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_status_reports_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_status_reports_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_status_reports_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_asks_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_asks_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_asks_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_wins_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_wins_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_wins_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_drivers_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_drivers_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_drivers_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_comments_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_comments_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_comments_ad;
--> statement-breakpoint
DROP TABLE IF EXISTS project_fts;
--> statement-breakpoint
DROP TABLE IF EXISTS learning_fts;
--> statement-breakpoint
DROP TABLE IF EXISTS learning_entries;
--> statement-breakpoint
CREATE TABLE learning_entries (
  id integer PRIMARY KEY NOT NULL,
  kind text NOT NULL,
  record_id integer NOT NULL,
  project_id integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  at integer NOT NULL
);
--> statement-breakpoint
CREATE VIRTUAL TABLE learning_fts USING fts5(title, body, content='learning_entries', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE VIRTUAL TABLE project_fts USING fts5(title, body, content='learning_entries', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO learning_fts (learning_fts, rank) VALUES ('hashsize', 33554432);
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT projects.id * 16 + 1, 'project', projects.id, projects.id, projects.title, coalesce(concat_ws(char(10), nullif(projects.problem, ''), nullif(projects.proposal_idea, ''), nullif(projects.aim_what, ''), nullif(projects.aim_for_whom, ''), nullif(projects.aim_measure, ''), nullif(projects.scope, ''), nullif(projects.closure_evidence, ''), nullif(projects.closure_adopted, ''), nullif(projects.closure_sustain, ''), nullif(projects.closure_lessons, '')), ''), projects.updated_at FROM projects;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT pdsa_cycles.id * 16 + 2, 'pdsa', pdsa_cycles.id, pdsa_cycles.project_id, pdsa_cycles.title, coalesce(concat_ws(char(10), nullif(pdsa_cycles.question, ''), nullif(pdsa_cycles.prediction, ''), nullif(pdsa_cycles.do_what_happened, ''), nullif(pdsa_cycles.do_observations, ''), nullif(pdsa_cycles.do_problems, ''), nullif(pdsa_cycles.study_results, ''), nullif(pdsa_cycles.study_learning, ''), nullif(pdsa_cycles.act_next_step, '')), ''), pdsa_cycles.updated_at FROM pdsa_cycles WHERE pdsa_cycles.deleted_at is null;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT change_ideas.id * 16 + 3, 'change_idea', change_ideas.id, change_ideas.project_id, change_ideas.title, coalesce(concat_ws(char(10), nullif(change_ideas.description, '')), ''), change_ideas.created_at FROM change_ideas WHERE change_ideas.deleted_at is null;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT status_reports.id * 16 + 4, 'status_report', status_reports.id, status_reports.project_id, '', coalesce(concat_ws(char(10), nullif(status_reports.rag_reason, ''), nullif(status_reports.progress, ''), nullif(status_reports.next_steps, ''), nullif(status_reports.risks, '')), ''), status_reports.created_at FROM status_reports;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT asks.id * 16 + 5, 'ask', asks.id, asks.project_id, asks.what, coalesce(concat_ws(char(10), nullif(asks.response, '')), ''), asks.updated_at FROM asks;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT wins.id * 16 + 6, 'win', wins.id, wins.project_id, wins.title, coalesce(concat_ws(char(10), nullif(wins.description, '')), ''), wins.at FROM wins;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT drivers.id * 16 + 7, 'driver', drivers.id, drivers.project_id, drivers.title, coalesce(concat_ws(char(10), nullif(drivers.description, '')), ''), drivers.created_at FROM drivers WHERE drivers.deleted_at is null;
--> statement-breakpoint
INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT comments.id * 16 + 8, 'comment', comments.id, comments.project_id, '', coalesce(concat_ws(char(10), nullif(comments.body, '')), ''), comments.created_at FROM comments WHERE comments.deleted_at is null;
--> statement-breakpoint
INSERT INTO learning_fts(learning_fts) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO project_fts (rowid, title, body) SELECT id, title, body FROM learning_entries WHERE id IN (SELECT id * 16 + 1 FROM projects);
--> statement-breakpoint
CREATE INDEX learning_entries_at_idx ON learning_entries (at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX learning_entries_project_idx ON learning_entries (project_id, at);
--> statement-breakpoint
CREATE TRIGGER learning_entries_ai AFTER INSERT ON learning_entries BEGIN
  INSERT INTO learning_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
  INSERT INTO project_fts (rowid, title, body) SELECT new.id, new.title, new.body WHERE new.kind = 'project';
END;
--> statement-breakpoint
CREATE TRIGGER learning_entries_ad AFTER DELETE ON learning_entries BEGIN
  INSERT INTO learning_fts (learning_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO project_fts (project_fts, rowid, title, body) SELECT 'delete', old.id, old.title, old.body WHERE old.kind = 'project';
END;
--> statement-breakpoint
CREATE TRIGGER learning_projects_ai AFTER INSERT ON projects BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 1, 'project', new.id, new.id, new.title, coalesce(concat_ws(char(10), nullif(new.problem, ''), nullif(new.proposal_idea, ''), nullif(new.aim_what, ''), nullif(new.aim_for_whom, ''), nullif(new.aim_measure, ''), nullif(new.scope, ''), nullif(new.closure_evidence, ''), nullif(new.closure_adopted, ''), nullif(new.closure_sustain, ''), nullif(new.closure_lessons, '')), ''), new.updated_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_projects_au AFTER UPDATE OF title, problem, proposal_idea, aim_what, aim_for_whom, aim_measure, scope, closure_evidence, closure_adopted, closure_sustain, closure_lessons, id ON projects BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 1;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 1, 'project', new.id, new.id, new.title, coalesce(concat_ws(char(10), nullif(new.problem, ''), nullif(new.proposal_idea, ''), nullif(new.aim_what, ''), nullif(new.aim_for_whom, ''), nullif(new.aim_measure, ''), nullif(new.scope, ''), nullif(new.closure_evidence, ''), nullif(new.closure_adopted, ''), nullif(new.closure_sustain, ''), nullif(new.closure_lessons, '')), ''), new.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER learning_projects_ad AFTER DELETE ON projects BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER learning_pdsa_cycles_ai AFTER INSERT ON pdsa_cycles WHEN new.deleted_at is null BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 2, 'pdsa', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.question, ''), nullif(new.prediction, ''), nullif(new.do_what_happened, ''), nullif(new.do_observations, ''), nullif(new.do_problems, ''), nullif(new.study_results, ''), nullif(new.study_learning, ''), nullif(new.act_next_step, '')), ''), new.updated_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_pdsa_cycles_au AFTER UPDATE OF title, question, prediction, do_what_happened, do_observations, do_problems, study_results, study_learning, act_next_step, project_id, deleted_at ON pdsa_cycles BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 2;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 2, 'pdsa', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.question, ''), nullif(new.prediction, ''), nullif(new.do_what_happened, ''), nullif(new.do_observations, ''), nullif(new.do_problems, ''), nullif(new.study_results, ''), nullif(new.study_learning, ''), nullif(new.act_next_step, '')), ''), new.updated_at WHERE new.deleted_at is null;
END;
--> statement-breakpoint
CREATE TRIGGER learning_pdsa_cycles_ad AFTER DELETE ON pdsa_cycles BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER learning_change_ideas_ai AFTER INSERT ON change_ideas WHEN new.deleted_at is null BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 3, 'change_idea', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.description, '')), ''), new.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_change_ideas_au AFTER UPDATE OF title, description, project_id, deleted_at ON change_ideas BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 3;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 3, 'change_idea', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.description, '')), ''), new.created_at WHERE new.deleted_at is null;
END;
--> statement-breakpoint
CREATE TRIGGER learning_change_ideas_ad AFTER DELETE ON change_ideas BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 3;
END;
--> statement-breakpoint
CREATE TRIGGER learning_status_reports_ai AFTER INSERT ON status_reports BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 4, 'status_report', new.id, new.project_id, '', coalesce(concat_ws(char(10), nullif(new.rag_reason, ''), nullif(new.progress, ''), nullif(new.next_steps, ''), nullif(new.risks, '')), ''), new.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_status_reports_au AFTER UPDATE OF rag_reason, progress, next_steps, risks, project_id ON status_reports BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 4;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 4, 'status_report', new.id, new.project_id, '', coalesce(concat_ws(char(10), nullif(new.rag_reason, ''), nullif(new.progress, ''), nullif(new.next_steps, ''), nullif(new.risks, '')), ''), new.created_at;
END;
--> statement-breakpoint
CREATE TRIGGER learning_status_reports_ad AFTER DELETE ON status_reports BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 4;
END;
--> statement-breakpoint
CREATE TRIGGER learning_asks_ai AFTER INSERT ON asks BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 5, 'ask', new.id, new.project_id, new.what, coalesce(concat_ws(char(10), nullif(new.response, '')), ''), new.updated_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_asks_au AFTER UPDATE OF what, response, project_id ON asks BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 5;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 5, 'ask', new.id, new.project_id, new.what, coalesce(concat_ws(char(10), nullif(new.response, '')), ''), new.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER learning_asks_ad AFTER DELETE ON asks BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 5;
END;
--> statement-breakpoint
CREATE TRIGGER learning_wins_ai AFTER INSERT ON wins BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 6, 'win', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.description, '')), ''), new.at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_wins_au AFTER UPDATE OF title, description, project_id ON wins BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 6;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 6, 'win', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.description, '')), ''), new.at;
END;
--> statement-breakpoint
CREATE TRIGGER learning_wins_ad AFTER DELETE ON wins BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 6;
END;
--> statement-breakpoint
CREATE TRIGGER learning_drivers_ai AFTER INSERT ON drivers WHEN new.deleted_at is null BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 7, 'driver', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.description, '')), ''), new.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_drivers_au AFTER UPDATE OF title, description, project_id, deleted_at ON drivers BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 7;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 7, 'driver', new.id, new.project_id, new.title, coalesce(concat_ws(char(10), nullif(new.description, '')), ''), new.created_at WHERE new.deleted_at is null;
END;
--> statement-breakpoint
CREATE TRIGGER learning_drivers_ad AFTER DELETE ON drivers BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 7;
END;
--> statement-breakpoint
CREATE TRIGGER learning_comments_ai AFTER INSERT ON comments WHEN new.deleted_at is null BEGIN
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) VALUES (new.id * 16 + 8, 'comment', new.id, new.project_id, '', coalesce(concat_ws(char(10), nullif(new.body, '')), ''), new.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER learning_comments_au AFTER UPDATE OF body, project_id, deleted_at ON comments BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 8;
  INSERT INTO learning_entries (id, kind, record_id, project_id, title, body, at) SELECT new.id * 16 + 8, 'comment', new.id, new.project_id, '', coalesce(concat_ws(char(10), nullif(new.body, '')), ''), new.created_at WHERE new.deleted_at is null;
END;
--> statement-breakpoint
CREATE TRIGGER learning_comments_ad AFTER DELETE ON comments BEGIN
  DELETE FROM learning_entries WHERE id = old.id * 16 + 8;
END;

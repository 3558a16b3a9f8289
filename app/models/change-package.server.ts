// The portfolio's change package (/changes): every change idea of the programme that is not removed,
// with its project, theme, the drivers it serves, the status its cycles give it, its cycle count, latest
// learning and current PICK category. One SQL statement for a page (window functions pick each idea's
// latest cycle, latest learning and latest rating) and one to count: no query per idea. The status is
// derived in SQL exactly as changeIdeaStatus() in app/domain/driver-rules.ts does.
import type { Db } from "~/db.server";
import type { ChangeIdeaStatus, PickCategory } from "~/domain/driver-rules";
import type { Stage } from "~/domain/enums";
import { londonDay } from "~/domain/calendar";
import { originsOf, spreadTo, type OriginLink, type SpreadLink } from "~/models/spread.server";

export type ChangePackageFilters = { themeId?: number; status?: ChangeIdeaStatus; pick?: PickCategory | "none"; readyToSpread?: boolean };
export type ChangePackageSort = "project" | "status" | "cycles" | "activity";

export type ChangePackageRow = {
  id: number;
  title: string;
  projectId: number;
  projectTitle: string;
  projectStage: Stage;
  themeName: string | null;
  drivers: string[];
  status: ChangeIdeaStatus;
  cycles: number;
  learning: string;
  pick: PickCategory | null;
  /** What another team should copy, when the idea is marked ready to spread (issue 16 §3). */
  spreadSummary: string | null;
  /** The projects that adopted a live copy of this idea (ADR 104), one per project. */
  spreadTo: SpreadLink[];
  /** The idea of another project this one was adopted from, if any. */
  origin: OriginLink | null;
  /** The day (YYYY-MM-DD, UK) of the idea's latest change or cycle activity. */
  latestActivity: string;
};

const BASE = `
with live as (
  select ci.id, ci.title, ci.project_id, coalesce(ci.updated_at, ci.created_at) as touched, ci.spread_summary
  from change_ideas ci join projects p on p.id = ci.project_id
  where ci.deleted_at is null and p.programme_id = @programmeId
),
cyc as (
  select c.change_idea_id as idea_id, c.number, c.act_decision, c.study_learning, c.updated_at,
    row_number() over (partition by c.change_idea_id order by c.number desc) as rn,
    count(*) over (partition by c.change_idea_id) as n,
    max(c.updated_at) over (partition by c.change_idea_id) as last_at
  from pdsa_cycles c join live on live.id = c.change_idea_id
  where c.deleted_at is null
),
learn as (
  select c.change_idea_id as idea_id, trim(c.study_learning) as learning,
    row_number() over (partition by c.change_idea_id order by c.number desc) as rn
  from pdsa_cycles c join live on live.id = c.change_idea_id
  where c.deleted_at is null and trim(c.study_learning) <> ''
),
picks as (
  select k.change_idea_id as idea_id, k.impact, k.ease,
    row_number() over (partition by k.change_idea_id order by k.created_at desc, k.id desc) as rn
  from change_idea_picks k join live on live.id = k.change_idea_id
),
served as (
  select idea_id, json_group_array(title) as titles
  from (select cid.change_idea_id as idea_id, d.title from change_idea_drivers cid
        join live on live.id = cid.change_idea_id
        join drivers d on d.id = cid.driver_id and d.deleted_at is null
        order by d.position, d.id)
  group by idea_id
),
ideas as (
  select live.id, live.title, live.project_id as projectId, p.title as projectTitle, p.stage as projectStage, t.name as themeName, p.theme_id as themeId,
    case when cyc.idea_id is null then 'not_tested'
         when cyc.act_decision is null then 'testing'
         when cyc.act_decision = 'adopt' then 'adopted'
         when cyc.act_decision = 'adapt' then 'adapted'
         else 'abandoned' end as status,
    coalesce(cyc.n, 0) as cycles,
    coalesce(learn.learning, '') as learning,
    case when picks.idea_id is null then null
         when picks.impact = 'high' and picks.ease = 'easy' then 'implement'
         when picks.impact = 'high' then 'challenge'
         when picks.ease = 'easy' then 'possible'
         else 'kill' end as pick,
    max(live.touched, coalesce(cyc.last_at, 0)) as latestAt,
    served.titles as driverTitles,
    live.spread_summary as spreadSummary
  from live
  join projects p on p.id = live.project_id
  left join themes t on t.id = p.theme_id
  left join cyc on cyc.idea_id = live.id and cyc.rn = 1
  left join learn on learn.idea_id = live.id and learn.rn = 1
  left join picks on picks.idea_id = live.id and picks.rn = 1
  left join served on served.idea_id = live.id
)`;

const ORDER: Record<ChangePackageSort, string> = {
  project: "projectTitle collate nocase, projectId, title collate nocase, id",
  status:
    "case status when 'adopted' then 1 when 'adapted' then 2 when 'testing' then 3 when 'not_tested' then 4 else 5 end, projectTitle collate nocase, title collate nocase, id",
  cycles: "cycles desc, latestAt desc, id",
  activity: "latestAt desc, id desc",
};

function whereSql(filters: ChangePackageFilters) {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filters.themeId !== undefined) {
    clauses.push("themeId = @themeId");
    params.themeId = filters.themeId;
  }
  if (filters.status !== undefined) {
    clauses.push("status = @status");
    params.status = filters.status;
  }
  if (filters.readyToSpread) clauses.push("spreadSummary is not null");
  if (filters.pick === "none") clauses.push("pick is null");
  else if (filters.pick !== undefined) {
    clauses.push("pick = @pick");
    params.pick = filters.pick;
  }
  return { sql: clauses.length ? ` where ${clauses.join(" and ")}` : "", params };
}

type Raw = Omit<ChangePackageRow, "drivers" | "latestActivity" | "spreadTo" | "origin"> & { driverTitles: string | null; latestAt: number };

/** The change package's rows for the filters, sorted; a page of them when `page` is given (1-based). */
export function listChangePackage(
  db: Db,
  programmeId: number,
  input: { filters?: ChangePackageFilters; sort?: ChangePackageSort; page?: number; pageSize?: number },
): { rows: ChangePackageRow[]; total: number } {
  const where = whereSql(input.filters ?? {});
  const params: Record<string, string | number> = { ...where.params, programmeId };
  let limit = "";
  if (input.page !== undefined) {
    const pageSize = input.pageSize ?? 50;
    params.limit = pageSize;
    params.offset = (Math.max(1, input.page) - 1) * pageSize;
    limit = " limit @limit offset @offset";
  }
  const raw = db.$client.prepare(`${BASE} select * from ideas${where.sql} order by ${ORDER[input.sort ?? "project"]}${limit}`).all(params) as Raw[];
  const total =
    input.page === undefined
      ? raw.length
      : (db.$client.prepare(`${BASE} select count(*) as n from ideas${where.sql}`).get({ ...where.params, programmeId }) as { n: number }).n;
  const ids = raw.map((r) => r.id);
  const spread = spreadTo(db, ids);
  const origins = originsOf(db, ids);
  return {
    total,
    rows: raw.map(({ driverTitles, latestAt, ...r }) => ({
      ...r,
      drivers: driverTitles ? (JSON.parse(driverTitles) as string[]) : [],
      latestActivity: londonDay(latestAt),
      spreadTo: spread.get(r.id) ?? [],
      origin: origins.get(r.id) ?? null,
    })),
  };
}

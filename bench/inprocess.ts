// Child process of the benchmark: times the board's loader + render inside one process
// (no HTTP) against its floor, the raw SQL that gathers the same data. Pages go through the page
// cache as the server sends them (server/page-cache.js); with PAGE_CACHE_MB=0 every one renders.
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";

const [file, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg ?? 30);
const root = path.resolve(import.meta.dirname, "..");

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const build = (await import(path.join(root, "build", "index.js"))) as ServerBuild & {
    entry: {
      module: {
        startup: (o: { migrationsFolder: string; background?: boolean }) => Promise<unknown>;
        lookupPage?: (
          request: Request,
          context: object,
          routes: ServerBuild["routes"],
        ) => Promise<{ cached: { body: Buffer<ArrayBuffer> } } | { ticket: import("../app/web/page-cache.server").PageTicket } | null>;
      };
    };
  };
  const started = performance.now();
  await build.entry.module.startup({ migrationsFolder: path.join(root, "db", "migrations"), background: false });
  const startedMs = performance.now() - started; // includes computing every summary on a fresh database
  const remix = createRequestHandler(build, "production");
  const context = { cspNonce: "bench", clientIp: "127.0.0.1", isHttps: false };
  /** As the server answers: a kept page straight from the cache, otherwise Remix with a ticket to keep it. */
  const handler = async (request: Request, ctx: typeof context) => {
    const found = request.method === "GET" ? await build.entry.module.lookupPage?.(request, ctx, build.routes) : null;
    if (found && "cached" in found) return new Response(found.cached.body);
    return remix(request, found ? { ...ctx, pageCache: found.ticket } : ctx);
  };
  const login = await handler(
    new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams({ email: "board@bench.example", password: "bench-password-123", redirectTo: "/board" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    context,
  );
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);

  const board = async () => {
    const res = await handler(new Request("http://localhost/board", { headers: { Cookie: cookie } }), context);
    if (res.status !== 200) throw new Error(`board answered ${res.status}`);
    await res.text();
  };
  const firstMs = startedMs;
  for (let i = 0; i < 5; i++) await board();
  const loaderRender: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await board();
    loaderRender.push(performance.now() - t);
  }

  const projectPage = async () => {
    const res = await handler(new Request("http://localhost/projects/1", { headers: { Cookie: cookie } }), context);
    if (res.status !== 200) throw new Error(`project page answered ${res.status}`);
    await res.text();
  };
  for (let i = 0; i < 5; i++) await projectPage();
  const project: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await projectPage();
    project.push(performance.now() - t);
  }

  const Database = (await import("better-sqlite3")).default;
  const sqlite = new Database(file, { readonly: true });
  // The same data the board gathers: freshness check, count, page, roll-up aggregate, attention list, filter options.
  const statements = [
    "select summaries_as_of, summaries_audit_watermark from programmes where id = 1",
    "select max(id) from audit_events",
    "select count(*) from project_summaries where programme_id = 1",
    "select * from project_summaries where programme_id = 1 order by flag_count desc, title asc, project_id asc limit 25",
    "select sum(case when flag_count > 0 then 1 else 0 end), sum(case when stage = 'proposed' then 1 else 0 end), sum(case when stage = 'approved' then 1 else 0 end), sum(case when stage = 'active' then 1 else 0 end), sum(case when stage = 'sustaining' then 1 else 0 end), sum(case when stage = 'closed' then 1 else 0 end), sum(case when stage = 'stopped' then 1 else 0 end), sum(case when stage = 'declined' then 1 else 0 end), sum(case when latest_rag = 'red' then 1 else 0 end), sum(case when latest_rag = 'amber' then 1 else 0 end), sum(case when latest_rag = 'green' then 1 else 0 end), sum(case when latest_rag is null then 1 else 0 end), sum(case when progress_score is null then 1 else 0 end), sum(case when progress_score < 2 then 1 else 0 end), sum(case when progress_score >= 2 and progress_score < 3 then 1 else 0 end), sum(case when progress_score >= 3 and progress_score < 4 then 1 else 0 end), sum(case when progress_score >= 4 then 1 else 0 end), sum(pdsa_m0), sum(pdsa_m1), sum(pdsa_m2), sum(pdsa_m3), sum(pdsa_m4), sum(pdsa_m5), sum(pdsa_m6), sum(pdsa_m7), sum(pdsa_m8), sum(pdsa_m9), sum(pdsa_m10), sum(pdsa_m11), sum(measures_common_cause), sum(measures_improvement_high), sum(measures_improvement_low), sum(measures_concern_high), sum(measures_concern_low), sum(measures_neutral_high), sum(measures_neutral_low) from project_summaries where programme_id = 1",
    "select project_id, title, flags, primary_sparkline from project_summaries where programme_id = 1 and flag_count > 0 order by flag_count desc, title, project_id limit 10",
    "select id, name from themes where programme_id = 1 order by name",
    "select id, name from divisions where programme_id = 1 order by name",
    "select id, number, name from waves where programme_id = 1 order by number",
    "select distinct u.id, u.name from users u where exists (select 1 from project_team t where t.user_id = u.id and t.ended_at is null and t.role in ('executive_lead', 'clinical_lead')) order by u.name",
    "select id, name, is_demo, trust_name from programmes order by id limit 1",
  ].map((sql) => sqlite.prepare(sql));
  const floor: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    const t = performance.now();
    for (const st of statements) st.all();
    if (i >= 5) floor.push(performance.now() - t);
  }
  // The project page's data: the project, its team, cycles, milestones, measures, asks, reports, scores and activity.
  const projectStatements = [
    "select s.id_hash, u.* from sessions s join users u on u.id = s.user_id limit 1",
    "select id, name, is_demo, trust_name from programmes order by id limit 1",
    "select p.*, t.name, d.name, w.number, w.name from projects p left join themes t on t.id = p.theme_id left join divisions d on d.id = p.division_id left join waves w on w.id = p.wave_id where p.id = 1",
    "select domain from project_cqc_domains where project_id = 1 order by domain",
    "select t.*, u.name, u.job_title from project_team t join users u on u.id = t.user_id where t.project_id = 1",
    "select c.*, i.title from pdsa_cycles c join change_ideas i on i.id = c.change_idea_id where c.project_id = 1 and c.deleted_at is null order by c.number",
    "select * from milestones where project_id = 1 and deleted_at is null order by forecast_date",
    "select * from measures where project_id = 1 and deleted_at is null order by is_primary desc, id",
    "select a.*, u.name from asks a left join users u on u.id = a.addressee_user_id where a.project_id = 1 order by a.created_at desc",
    "select * from status_reports where project_id = 1 order by report_date desc, id desc limit 1",
    "select * from progress_scores where project_id = 1 order by at",
    "select e.*, u.name from audit_events e left join users u on u.id = e.user_id where e.project_id = 1 order by e.at desc, e.id desc limit 15",
  ].map((sql) => sqlite.prepare(sql));
  const projectFloor: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    const t = performance.now();
    for (const st of projectStatements) st.all();
    if (i >= 5) projectFloor.push(performance.now() - t);
  }

  process.stdout.write(
    JSON.stringify({
      startupMs: firstMs,
      loaderRenderMs: median(loaderRender),
      floorMs: median(floor),
      projectMs: median(project),
      projectFloorMs: median(projectFloor),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

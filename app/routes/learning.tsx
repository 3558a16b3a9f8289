// /learning: one search over what every team wrote and learned (ADR 050). With no words, the latest learning.
import { waveLabel } from "~/domain/wave-label";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { subDays } from "date-fns/subDays";
import { FilterSelect, Pagination } from "~/components/list-controls";
import { InsetText } from "~/components/nhs";
import { StageTag } from "~/components/tags";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { STAGES } from "~/domain/enums";
import { STAGE_LABELS } from "~/domain/labels";
import { LEARNING_KIND_LABELS, LEARNING_KINDS, LEARNING_PERIODS, learningHref, type LearningKind } from "~/domain/learning";
import type { SnippetPart } from "~/domain/search-query";
import { listCharterOptions } from "~/models/charter.server";
import { latestLearning, searchLearning, type LearningFilters, type LearningHit } from "~/models/learning.server";
import { getProgramme } from "~/models/programme.server";
import { today } from "~/today.server";
import { formatDay } from "~/web/dates";
import { LEARNING_PER_PAGE, LearningQuery, learningSearch } from "~/web/learning-query";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query.q ? `Learning: ${data.query.q} – Stepping Up` : "Learning across the portfolio – Stepping Up" },
];

// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const query = LearningQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filters: LearningFilters = {
    themeId: query.theme,
    divisionId: query.division,
    waveId: query.wave,
    stage: query.stage,
    kind: query.type,
    since: query.since ? subDays(new Date(`${today()}T00:00:00Z`), Number(query.since)).getTime() : undefined,
  };
  const input = { filters, page: query.page, pageSize: LEARNING_PER_PAGE };
  const result = query.q ? searchLearning(db, programme.id, { ...input, text: query.q }) : latestLearning(db, programme.id, input);
  const options = listCharterOptions(db, programme.id);
  return { query, result, options };
}

type Group = { projectId: number; projectTitle: string; projectStage: LearningHit["projectStage"]; hits: LearningHit[] };

/** The page's results by project, projects in the order of their best result. */
function byProject(hits: LearningHit[]): Group[] {
  const groups = new Map<number, Group>();
  for (const hit of hits) {
    const group = groups.get(hit.projectId) ?? { projectId: hit.projectId, projectTitle: hit.projectTitle, projectStage: hit.projectStage, hits: [] };
    group.hits.push(hit);
    groups.set(hit.projectId, group);
  }
  return [...groups.values()];
}

/** The snippet as text; the matched words in <mark>. React escapes every part: no stored text is HTML. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="nhsuk-body-s app-learning-snippet">
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}

const hitTitle = (hit: LearningHit) => hit.title || (hit.kind === "status_report" ? `Status report, ${formatDay(hit.at)}` : LEARNING_KIND_LABELS[hit.kind]);

export default function Learning() {
  const { query, result, options } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(result.total / LEARNING_PER_PAGE));
  const groups = byProject(result.hits as LearningHit[]);
  const filtered = [query.theme, query.division, query.wave, query.stage, query.type, query.since].some((v) => v !== undefined);
  // The count stops at 1,000 (ADR 122): past that the page says so instead of counting every match of a common word.
  const count = `${result.totalIsLowerBound ? "More than " : ""}${result.total.toLocaleString("en-GB")} result${result.total === 1 ? "" : "s"}`;
  return (
    <>
      <h1>Learning across the portfolio</h1>
      <p>Search what every team tried and learned: projects, PDSA cycles, change ideas, status reports, asks and wins.</p>
      <Form method="get" className="nhsuk-u-margin-bottom-4" role="search" aria-label="Search and filter the learning">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="learning-q">
            Words to search for
          </label>
          <div className="nhsuk-hint" id="learning-q-hint">
            For example: falls at night. Put words in quotes to find them together: &quot;hand hygiene&quot;
          </div>
          <input className="nhsuk-input" id="learning-q" name="q" type="search" maxLength={200} defaultValue={query.q} aria-describedby="learning-q-hint" />
        </div>
        <div className="app-definition-grid">
          <FilterSelect
            name="type"
            label="Type"
            value={query.type}
            all="All types"
            options={LEARNING_KINDS.map((k) => ({ value: k, label: LEARNING_KIND_LABELS[k] }))}
          />
          <FilterSelect
            name="stage"
            label="Project stage"
            value={query.stage}
            all="All stages"
            options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          />
          <FilterSelect name="theme" label="Theme" value={query.theme} all="All themes" options={options.themes.map((t) => ({ value: t.id, label: t.name }))} />
          <FilterSelect
            name="division"
            label="Division"
            value={query.division}
            all="All divisions"
            options={options.divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
          <FilterSelect
            name="wave"
            label="Wave"
            value={query.wave}
            all="All waves"
            options={options.waves.map((w) => ({ value: w.id, label: waveLabel(w.number, w.name) }))}
          />
          <FilterSelect
            name="since"
            label="Written or changed"
            value={query.since}
            all="At any time"
            options={Object.entries(LEARNING_PERIODS).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
          Search
        </button>
      </Form>

      {!result.searched ? (
        <InsetText>
          <p>There are no words to search for in “{query.q}”. Type words or numbers, for example: falls at night.</p>
        </InsetText>
      ) : result.hits.length === 0 ? (
        <InsetText>
          <p>
            {query.q ? `Nothing matches “${query.q}”${filtered ? " with these filters" : ""}. Try fewer or other words` : "Nothing matches these filters"}
            {filtered ? (
              <>
                , or <Link to={query.q ? `/learning?q=${encodeURIComponent(query.q)}` : "/learning"}>clear the filters</Link>
              </>
            ) : null}
            .
          </p>
        </InsetText>
      ) : (
        <>
          <h2 className="nhsuk-heading-m">{query.q ? `${count} for “${query.q}”` : "The latest learning"}</h2>
          {query.q && result.totalIsLowerBound ? (
            <p className="nhsuk-body-s app-muted">
              The best {result.total.toLocaleString("en-GB")} are shown, best first. Add words or filters to narrow them.
            </p>
          ) : null}
          {groups.map((group) => (
            <section key={group.projectId} className="app-learning-project" aria-labelledby={`learning-project-${group.projectId}`}>
              <h3 className="nhsuk-heading-s" id={`learning-project-${group.projectId}`}>
                <Link to={`/projects/${group.projectId}`}>{group.projectTitle}</Link> <StageTag stage={group.projectStage} />
              </h3>
              <ul className="nhsuk-list app-learning-hits">
                {group.hits.map((hit) => (
                  <li key={`${hit.kind}-${hit.recordId}`} className="app-learning-hit">
                    <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                      <span className="app-muted">{LEARNING_KIND_LABELS[hit.kind as LearningKind]}</span> · <Link to={learningHref(hit)}>{hitTitle(hit)}</Link>{" "}
                      · <span className="app-muted">{formatDay(hit.at)}</span>
                    </p>
                    {hit.snippet.some((p) => p.text.trim()) ? <Snippet parts={hit.snippet} /> : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <Pagination page={query.page} pages={Math.min(pages, 50)} href={(p) => `/learning${learningSearch(query, p)}`} label="Pages of results" />
        </>
      )}
    </>
  );
}

// The PDSA timeline grouped by the driver diagram: primary driver → secondary driver → the ramps of the
// change ideas that serve it; ramps whose idea serves no driver come last under "Not linked to a driver".
import { Link } from "@remix-run/react";
import { PdsaRamp, type TimelineEntry } from "~/components/pdsa-timeline";
import { InsetText } from "~/components/nhs";
import { groupRampsByDriver, type GroupDriver } from "~/domain/driver-groups";
import { groupByChangeIdea } from "~/domain/pdsa-rules";
import { plural } from "~/domain/plural";

export type TimelineDrivers = {
  primaries: GroupDriver[];
  secondaries: GroupDriver[];
  driverLinks: { primaryId: number; secondaryId: number }[];
  ideaLinks: { driverId: number; changeIdeaId: number }[];
};

export function PdsaTimelineByDriver({ projectId, cycles, drivers }: { projectId: number; cycles: TimelineEntry[]; drivers: TimelineDrivers }) {
  const { groups, unlinked } = groupRampsByDriver({ ...drivers, ramps: groupByChangeIdea(cycles) });
  return (
    <div className="app-pdsa-timeline">
      {groups.map((group) => (
        <section key={group.key} className="app-pdsa-driver" aria-labelledby={`timeline-${group.key}`}>
          <h3 id={`timeline-${group.key}`}>
            {group.primary ? (
              <>
                <span className="nhsuk-caption-m">Primary driver</span> {group.primary.title}
              </>
            ) : (
              "Secondary drivers not under a primary driver"
            )}
          </h3>
          {group.sections.map(({ secondary, ramps }) => (
            <section key={secondary.id} className="app-pdsa-driver__secondary" aria-labelledby={`timeline-${group.key}-s${secondary.id}`}>
              <h4 id={`timeline-${group.key}-s${secondary.id}`}>
                <span className="nhsuk-caption-m">Secondary driver</span> {secondary.title}
              </h4>
              {ramps.map((ramp) => (
                <PdsaRamp key={ramp.changeIdeaId} projectId={projectId} ramp={ramp} headingLevel={5} idPrefix={`${group.key}-s${secondary.id}-`} />
              ))}
            </section>
          ))}
        </section>
      ))}
      {unlinked.length ? (
        <section className="app-pdsa-driver" aria-labelledby="timeline-unlinked">
          <h3 id="timeline-unlinked">Not linked to a driver</h3>
          {unlinked.map((ramp) => (
            <PdsaRamp key={ramp.changeIdeaId} projectId={projectId} ramp={ramp} headingLevel={4} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

/** A gentle prompt, not an error: cycles whose change ideas serve no driver yet. */
export function UnlinkedIdeasPrompt({ projectId, count, canEdit }: { projectId: number; count: number; canEdit: boolean }) {
  if (count === 0) return null;
  return (
    <InsetText>
      <p>
        {count === 1 ? "1 change idea with PDSA cycles is" : `${plural(count, "change idea")} with PDSA cycles are`} not linked to a driver yet.{" "}
        {canEdit ? "Linking" : "When the team links"} {count === 1 ? "it" : "them"} on the <Link to={`/projects/${projectId}/drivers`}>driver diagram</Link>{" "}
        {canEdit ? "shows" : "it will show"} which part of the theory of change each test is about.
      </p>
    </InsetText>
  );
}

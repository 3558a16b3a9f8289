// PDSA ramps grouped by the drivers their change ideas serve (issue 15 §4): under each primary driver,
// each of its secondary drivers with the ramps of the change ideas linked to it. A ramp appears under
// every driver its idea serves; a secondary driver under no primary has a group of its own; ideas
// linked to no driver come last. Pure: the diagram's rows and links are passed in.

export type GroupDriver = { id: number; title: string };
export type DriverGroup<R> = {
  key: string;
  primary: GroupDriver | null;
  sections: { secondary: GroupDriver; ramps: R[] }[];
};

export function groupRampsByDriver<R extends { changeIdeaId: number }>(input: {
  primaries: readonly GroupDriver[];
  secondaries: readonly GroupDriver[];
  driverLinks: readonly { primaryId: number; secondaryId: number }[];
  ideaLinks: readonly { driverId: number; changeIdeaId: number }[];
  ramps: readonly R[];
}): { groups: DriverGroup<R>[]; unlinked: R[] } {
  const rampsOf = (secondaryId: number) => {
    const ideas = new Set(input.ideaLinks.filter((l) => l.driverId === secondaryId).map((l) => l.changeIdeaId));
    return input.ramps.filter((r) => ideas.has(r.changeIdeaId));
  };
  const liveSecondaries = new Set(input.secondaries.map((s) => s.id));
  const livePrimaries = new Set(input.primaries.map((p) => p.id));
  const groups: DriverGroup<R>[] = [];
  for (const primary of input.primaries) {
    const under = new Set(input.driverLinks.filter((l) => l.primaryId === primary.id).map((l) => l.secondaryId));
    const sections = input.secondaries.filter((s) => under.has(s.id)).map((s) => ({ secondary: s, ramps: rampsOf(s.id) }));
    const withRamps = sections.filter((s) => s.ramps.length);
    if (withRamps.length) groups.push({ key: `p${primary.id}`, primary, sections: withRamps });
  }
  const orphans = input.secondaries
    .filter((s) => !input.driverLinks.some((l) => l.secondaryId === s.id && livePrimaries.has(l.primaryId)))
    .map((s) => ({ secondary: s, ramps: rampsOf(s.id) }))
    .filter((s) => s.ramps.length);
  if (orphans.length) groups.push({ key: "no-primary", primary: null, sections: orphans });
  const linked = new Set(input.ideaLinks.filter((l) => liveSecondaries.has(l.driverId)).map((l) => l.changeIdeaId));
  return { groups, unlinked: input.ramps.filter((r) => !linked.has(r.changeIdeaId)) };
}

// What the meeting page shows: a planned meeting live, a closed one as the board saw it then.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { splitAttendees } from "~/domain/meeting-rules";
import { canGovern } from "~/domain/permissions";
import { notFound, parseId, type SessionUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { listEarlierActions, listMeetingActions } from "~/models/action.server";
import { getMeeting, listAgenda, listAgendaOptions, listGovernors, readSnapshot } from "~/models/meeting.server";
import { getProgramme } from "~/models/programme.server";
import { listPeople } from "~/models/user.server";

export function loadMeeting(params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const programme = getProgramme(db);
  const meeting = getMeeting(db, programme.id, parseId(params.meetingId, "meeting"));
  if (!meeting) notFound("meeting");
  return { db, programme, meeting };
}

export function meetingPage(user: SessionUser, params: LoaderFunctionArgs["params"]) {
  const { db, programme, meeting } = loadMeeting(params);
  const today = getToday();
  const { snapshot: snapshotText, ...header } = { ...meeting, attendeeList: splitAttendees(meeting.attendees) };
  const govern = canGovern(user);
  if (meeting.state === "closed") {
    // A closed meeting shows what the board saw then, never live data.
    const snapshot = readSnapshot(snapshotText);
    return {
      kind: "closed" as const,
      meeting: header,
      snapshot,
      // Meetings closed before snapshots were kept still have their own records.
      record: snapshot ? null : { agenda: listAgenda(db, meeting.id), actions: listMeetingActions(db, meeting.id), today },
      userId: user.id,
      canGovern: govern,
    };
  }
  const agenda = listAgenda(db, meeting.id);
  const loop = listEarlierActions(db, programme.id, meeting);
  return {
    kind: "planned" as const,
    meeting: header,
    today,
    agenda,
    actions: listMeetingActions(db, meeting.id),
    loop,
    people: govern ? listPeople(db) : [],
    governors: govern ? listGovernors(db) : [],
    agendaOptions: govern
      ? listAgendaOptions(
          db,
          programme.id,
          agenda.map((i) => i.projectId),
        )
      : [],
    userId: user.id,
    canGovern: govern,
  };
}

// Every exported function of app/models/*-commands.server.ts, with a decision about the page cache
// (ADR 126): which journey proves that the kept pages showing its data change after it runs, or why
// no kept page shows what it writes. page-cache-invalidation.test.ts fails for a function missing
// here, so a new write command cannot land without this decision.
//
// Kept pages: home `/`, `/board`, `/learning`, the project page `/projects/:id` (its "Recent activity"
// lists every audit row of the project, so any command auditing a project row shows there), the measure
// page `/projects/:id/measures/:measureId`, and the header's unread count on each of them.

/** Which test file drives the command and reads the pages afterwards. */
export type Journey = "project" | "measure" | "board" | "home" | "learning";

export type Decision =
  /** A journey in page-cache-invalidation-<journey>.test.ts drives it and checks the pages. */
  | { journey: Journey }
  /** It writes, but nothing it writes is shown on a kept page. */
  | { notShown: string }
  /** Exported beside the commands but not a write command of its own. */
  | { notACommand: string };

const j = (journey: Journey): Decision => ({ journey });
const notShown = (why: string): Decision => ({ notShown: why });
const helper = (why: string): Decision => ({ notACommand: why });

const WAVE_COHORT = "the wave cohort pages are not kept, and no kept page shows the cohort";
const CAPABILITY = "the capability pages are not kept, and no kept page shows training";
const CONVERSATIONS = "conversation events and themes are shown only on the conversations pages, which are not kept";
const CQC = "the CQC action pages are not kept; the project page shows the charter's CQC domains, not actions";
const MEETINGS = "meeting pages are not kept, and the meeting's details are shown nowhere else";
const PULSE = "pulse check pages are not kept";
const SIGN_IN = "a session or sign-in record: the cache is per person (page-cache.test.ts shows one person's page never reaches another)";
const ADMIN_PEOPLE = "the admin people pages are not kept";
const AUDIT_ONLY = "writes only an audit row with no project, shown on the audit trail, which is not kept";

/** Keyed `<file stem>.<export>`, e.g. `pdsa.createCycle` for createCycle in pdsa-commands.server.ts. */
export const COMMANDS: Record<string, Decision> = {
  "action.completeAction": j("home"),

  "ask.raiseAsk": j("project"),
  "ask.answerAsk": j("project"),

  "board.assessProject": j("board"),

  "capability.addTrainingLevel": notShown(CAPABILITY),
  "capability.changeTrainingLevel": notShown(CAPABILITY),
  "capability.recordTraining": notShown(CAPABILITY),
  "capability.removeTrainingRecord": notShown(CAPABILITY),

  "charter.editCharter": j("project"),
  "charter.closeProject": j("project"),

  "cohort.setSponsor": notShown(WAVE_COHORT),
  "cohort.addChampion": notShown(WAVE_COHORT),
  "cohort.removeChampion": notShown(WAVE_COHORT),
  "cohort.logWaveEvent": notShown(WAVE_COHORT),
  "cohort.updateWaveEvent": notShown(WAVE_COHORT),
  "cohort.removeWaveEvent": notShown(WAVE_COHORT),
  "cohort.saveMission": j("project"),
  "cohort.addQuickWin": j("project"),
  "cohort.removeQuickWin": j("project"),
  "cohort.addStory": j("project"),
  "cohort.updateStory": j("project"),
  "cohort.removeStory": j("project"),

  "comment.mentionsIn": helper("finds the people a comment mentions; reads only"),
  "comment.addComment": j("measure"),
  "comment.editComment": j("measure"),
  "comment.deleteComment": j("measure"),

  "conversation.logEvent": notShown(CONVERSATIONS),
  "conversation.updateEvent": notShown(CONVERSATIONS),
  "conversation.removeEvent": notShown(CONVERSATIONS),
  "conversation.addTheme": notShown(CONVERSATIONS),
  "conversation.updateTheme": notShown(CONVERSATIONS),
  "conversation.removeTheme": notShown(CONVERSATIONS),
  "conversation.createPriority": j("board"),
  "conversation.updatePriority": j("board"),
  "conversation.addPriorityAction": j("home"),

  "cqc.addCqcAction": notShown(CQC),
  "cqc.addCqcActionsFromPaste": notShown(CQC),
  "cqc.removeCqcAction": notShown(CQC),
  "cqc.linkCqcAction": j("project"),
  "cqc.editCqcAction": notShown(CQC),
  "cqc.archiveCqcAction": notShown(CQC),

  "driver.addDriver": j("learning"),
  "driver.addIdea": j("learning"),
  "driver.editNode": j("learning"),
  "driver.removeNode": j("learning"),
  "driver.reorderNode": j("project"),
  "driver.linkNode": j("project"),
  "driver.unlinkNode": j("project"),
  "driver.moveNode": j("project"),
  "driver.rateIdea": j("project"),
  "driver.attachMeasure": j("project"),

  "export.recordExport": notShown(AUDIT_ONLY),

  "invitation.issueInvitationIn": helper("the part of createUser/reissueInvitation that issues a link, inside their transaction"),
  "invitation.reissueInvitation": notShown(ADMIN_PEOPLE),
  "invitation.revokeInvitation": notShown(ADMIN_PEOPLE),
  "invitation.invitationProblem": helper("says why an invitation cannot be used; reads only"),
  "invitation.acceptInvitation": notShown(SIGN_IN),

  "leaver.handOverWork": j("project"),
  "leaver.disableLeaver": notShown(ADMIN_PEOPLE),

  "measure.measureCommand": helper("the transaction wrapper the measure commands share"),
  "measure.createdOnce": helper("replays a create sent twice, inside a command's transaction"),
  "measure.NOT_FOUND": helper("builds a refusal"),
  "measure.createMeasure": j("project"),
  "measure.updateMeasure": j("measure"),
  "measure.makePrimary": j("project"),
  "measure.deleteMeasure": j("project"),

  "measure-data.addPoint": j("measure"),
  "measure-data.correctPoint": j("measure"),
  "measure-data.deletePoint": j("measure"),
  "measure-data.importPoints": j("measure"),
  "measure-data.addRebase": j("measure"),
  "measure-data.removeRebase": j("measure"),
  "measure-data.addAnnotation": j("measure"),
  "measure-data.removeAnnotation": j("measure"),

  "measure-event.recordEvents": j("measure"),
  "measure-event.deleteEvent": j("measure"),

  "meeting.createMeeting": notShown(MEETINGS),
  "meeting.updateMeetingDetails": notShown(MEETINGS),
  "meeting.addAgendaItem": j("project"),
  "meeting.removeAgendaItem": j("project"),
  "meeting.moveAgendaItem": j("project"),
  "meeting.recordItemReview": j("project"),
  "meeting.addMeetingAction": j("home"),
  "meeting.closeMeeting": notShown(MEETINGS),

  "milestone.shownMilestone": helper("shapes a milestone for its audit row"),
  "milestone.addMilestone": j("project"),
  "milestone.updateMilestone": j("project"),
  "milestone.rebaselineMilestone": j("project"),
  "milestone.deleteMilestone": j("project"),

  "notification.markNotificationRead": j("home"),
  "notification.markAllNotificationsRead": j("home"),
  "notification.setPreference": notShown("notification settings are shown only on the settings page, which is not kept"),
  "notification.setPreferences": notShown("notification settings are shown only on the settings page, which is not kept"),
  "notification.unsubscribe": notShown("notification settings are shown only on the settings page, which is not kept"),

  "pdsa.createCycle": j("project"),
  "pdsa.updateCycle": j("project"),
  "pdsa.deleteCycle": j("project"),

  "people-import.planPeopleImport": helper("plans an import; reads only"),
  "people-import.importPeople": notShown(ADMIN_PEOPLE),

  "personal-data.eraseUser": j("project"),
  "personal-data.recordPersonalDataDownload": notShown(AUDIT_ONLY),

  "presentation.saveSettings": j("project"),

  "programme.saveProgrammeDetails": j("home"),
  "programme.saveWave": j("board"),
  "programme.namedLabel": helper("a label; reads only"),
  "programme.addNamed": j("board"),
  "programme.changeNamed": j("board"),
  "programme.archiveWave": notShown(
    "the board lists archived waves too; only the charter form (not kept) and the set-up count on home outside the demo differ",
  ),

  "progress.scoreProgress": j("project"),

  "project-import.importProjects": j("board"),
  "project-import.planHistoryImport": helper("plans an import; reads only"),
  "project-import.importHistory": j("project"),

  "project-stage.proposeProject": j("home"),
  "project-stage.decideStage": j("project"),
  "project-stage.refuseStageAction": j("project"),

  "pulse.newAnswerToken": helper("makes a random token"),
  "pulse.createCampaign": notShown(PULSE),
  "pulse.updateCampaign": notShown(PULSE),
  "pulse.submitPulseAnswer": notShown(PULSE),

  "session.recordRefusal": j("project"),
  "session.endExpiredSession": notShown(SIGN_IN),

  "spread.setReadyToSpread": j("project"),
  "spread.adoptChangeIdea": j("learning"),

  "sso.signInWithSso": notShown(SIGN_IN),
  "sso.refuseSso": notShown(SIGN_IN),
  "sso.addRoleMapping": notShown("single sign-on settings are shown only on the admin page, which is not kept"),
  "sso.removeRoleMapping": notShown("single sign-on settings are shown only on the admin page, which is not kept"),
  "sso.setBreakGlass": notShown(ADMIN_PEOPLE),

  "status-report.writeStatusReport": j("project"),

  "team.assignTeamLead": j("project"),
  "team.vacateTeamLead": j("project"),
  "team.addTeamMember": j("project"),
  "team.removeTeamMember": j("project"),

  "two-factor.enableTwoFactor": notShown(SIGN_IN),
  "two-factor.failSecondFactor": notShown(SIGN_IN),
  "two-factor.completeSecondFactor": notShown(SIGN_IN),
  "two-factor.resetTwoFactor": notShown(ADMIN_PEOPLE),

  "user.createUser": notShown(ADMIN_PEOPLE),
  "user.changeUser": j("home"),
  "user.editPerson": j("project"),

  "win.recordWin": j("home"),
  "win.confirmWin": j("home"),
  "win.dismissWin": j("project"),
};

/** The commands one journey file must drive, in the table's order. */
export const commandsOf = (journey: Journey) =>
  Object.entries(COMMANDS)
    .filter(([, d]) => "journey" in d && d.journey === journey)
    .map(([name]) => name);

// The board's side of the demo: CQC actions traced to projects, and board meetings.
import type { CqcActionSpec, MeetingSpec, ProjectSpec } from "./demo-types";
import { ACTIVE_PROJECTS } from "./demo-projects-active";
import { OTHER_PROJECTS } from "./demo-projects-other";

export const DEMO_PROJECTS: ProjectSpec[] = [...ACTIVE_PROJECTS, ...OTHER_PROJECTS];

export const CQC_ACTIONS: CqcActionSpec[] = [
  {
    kind: "must_do",
    reference: "MD1",
    text: "The trust must ensure that patients with suspected sepsis in the emergency department receive antibiotics within one hour.",
    domain: "safe",
    service: "Urgent and emergency care",
    projects: ["sepsis-ed", "sepsis-epr"],
  },
  {
    kind: "must_do",
    reference: "MD2",
    text: "The trust must ensure that women with suspected sepsis in maternity are screened and escalated in line with national guidance.",
    domain: "safe",
    service: "Maternity",
    projects: ["maternity-sepsis"],
  },
  {
    kind: "must_do",
    reference: "MD3",
    text: "The trust must ensure that patients with suspected infectious diarrhoea are isolated promptly.",
    domain: "safe",
    service: "Medical care",
    projects: ["cdiff-isolation", "cdiff-rounds"],
  },
  {
    kind: "must_do",
    reference: "MD4",
    text: "The trust must ensure that patients with a hip fracture have surgery within the nationally recommended time.",
    domain: "effective",
    service: "Surgery",
    projects: ["hip-fracture"],
  },
  {
    // Deliberately without an active project: its only project was stopped.
    kind: "must_do",
    reference: "MD5",
    text: "The trust must ensure that observations of patients on surgical wards are recorded and escalated in line with NEWS2.",
    domain: "safe",
    service: "Surgery",
    projects: ["surgical-obs"],
  },
  {
    kind: "should_do",
    reference: "SD1",
    text: "The trust should reduce the number of hospital-acquired pressure ulcers on the medical wards.",
    domain: "safe",
    service: "Medical care",
    projects: ["pressure-ulcers"],
  },
  {
    kind: "should_do",
    reference: "SD2",
    text: "The trust should ensure that learning from deaths reviews is completed in a timely way and shared with ward teams.",
    domain: "well_led",
    service: "Trust-wide",
    projects: ["sjr-reviews"],
  },
  {
    kind: "should_do",
    reference: "SD3",
    text: "The trust should ensure that antimicrobial prescribing is reviewed in line with national stewardship guidance.",
    domain: "effective",
    service: "Medical care",
    projects: ["cdiff-rounds", "abx-review"],
  },
];

const ATTENDEES =
  "Blake Board (chair, Deputy Chief Executive); Dr Priya Raman, Medical Director; Helen Whitfield, Chief Nurse; Mark Oyelaran, Chief Operating Officer; Catherine Moore, Non-executive Director; Alex Admin, QI Programme Manager";

export const MEETINGS: MeetingSpec[] = [
  {
    title: "Stepping Up programme board",
    date: -28,
    state: "closed",
    attendees: ATTENDEES,
    createdBy: "admin",
    items: [
      {
        project: "hip-fracture",
        reason: "Status red; elective cancellations rising",
        decision: "escalate",
        notes: "Escalated to the executive team: funding for a Saturday trauma list.",
      },
      {
        project: "news2-ward7",
        reason: "Progress score 3.5 but no improvement on the charts",
        decision: "support",
        notes: "A board member to join a huddle; the team to review the score against the IHI scale.",
      },
      {
        project: "sepsis-ed",
        reason: "Special cause improvement in antibiotics within the hour",
        decision: "celebrate",
        notes: "Thank the ED team; share at the next Pass it on event.",
      },
      {
        project: "cdiff-rounds",
        reason: "E-form dependency on the EPR release",
        decision: "continue",
        notes: "Medical Director to raise with the Chief Clinical Information Officer.",
      },
      {
        project: "maternity-sepsis",
        reason: "Milestone re-baselined after the EPR release moved",
        decision: "continue",
      },
      {
        project: "pressure-ulcers",
        reason: "Sustained improvement",
        decision: "celebrate",
        notes: "Nominate the wards for an award.",
      },
    ],
    actions: [
      {
        project: "hip-fracture",
        text: "Bring a costed option for a Saturday trauma list to the executive team.",
        owner: "mark",
        due: -14,
      },
      {
        project: "news2-ward7",
        text: "Review the progress score against the IHI scale with the Ward 7 team.",
        owner: "helen",
        due: -7,
      },
      {
        project: "sepsis-ed",
        text: "Share the Sepsis Six learning at the next Pass it on event.",
        owner: "lead",
        due: 21,
      },
      {
        project: "cdiff-rounds",
        text: "Confirm microbiology cover for the Ward 11 stewardship round.",
        owner: "aisha",
        due: -14,
        completed: -16,
      },
      {
        project: "pressure-ulcers",
        text: "Nominate the medical wards for the Celebrating Excellence awards.",
        owner: "helen",
        due: -21,
        completed: -25,
      },
      { text: "Circulate the board view to the divisional boards.", owner: "admin", due: -21, completed: -27 },
    ],
  },
  {
    title: "Stepping Up programme board",
    date: 14,
    state: "planned",
    attendees: ATTENDEES,
    createdBy: "admin",
    items: [
      {
        project: "hip-fracture",
        reason: "Special cause concern: 30-day mortality above the upper limit; ask open three weeks",
      },
      { project: "paeds-sepsis", reason: "No PDSA activity for over 6 weeks; no data for 5 weeks" },
      { project: "maternity-sepsis", reason: "No status report for 7 weeks" },
      { project: "news2-ward7", reason: "Follow-up: progress score against the measures" },
      {
        project: "discharge-noon",
        reason: "Discharge lounge milestone overdue; open ask to the Chief Operating Officer",
      },
      { project: "cdiff-rounds", reason: "Green report while the e-form milestone is overdue" },
    ],
    actions: [],
  },
];

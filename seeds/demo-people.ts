// The people of the fictional Riverside University Hospitals NHS Foundation Trust.
import type { Role } from "../app/domain/enums";

export type DemoPerson = {
  key: string;
  name: string;
  email: string;
  jobTitle: string;
  role: Role;
  /** Demo sign-in users get the password hash passed to seedDemo; the others cannot sign in. */
  canSignIn: boolean;
};

export const TRUST_NAME = "Riverside University Hospitals NHS Foundation Trust";
export const PROGRAMME_NAME = "Stepping Up";
const TRUST_DOMAIN = "riverside.example.nhs.uk";

/** The five demo sign-in accounts (see README: the demo password is printed by the seed CLI). */
const signInUsers: DemoPerson[] = [
  {
    key: "admin",
    name: "Alex Admin",
    email: "admin@example.org",
    jobTitle: "Quality Improvement Programme Manager",
    role: "admin",
    canSignIn: true,
  },
  {
    key: "board",
    name: "Blake Board",
    email: "board@example.org",
    jobTitle: "Deputy Chief Executive",
    role: "board",
    canSignIn: true,
  },
  {
    key: "staff",
    name: "Sam Staff",
    email: "staff@example.org",
    jobTitle: "Staff Nurse, Ward 7",
    role: "staff",
    canSignIn: true,
  },
  {
    key: "viewer",
    name: "Vic Viewer",
    email: "viewer@example.org",
    jobTitle: "Public Governor",
    role: "viewer",
    canSignIn: true,
  },
  {
    key: "lead",
    name: "Lee Lead",
    email: "lead@example.org",
    jobTitle: "Improvement Advisor",
    role: "staff",
    canSignIn: true,
  },
];

/** [key, title (Dr or none), first, last, job title, role] */
const named: [string, string, string, string, string, Role][] = [
  ["priya", "Dr", "Priya", "Raman", "Medical Director", "board"],
  ["helen", "", "Helen", "Whitfield", "Chief Nurse", "board"],
  ["mark", "", "Mark", "Oyelaran", "Chief Operating Officer", "board"],
  ["catherine", "", "Catherine", "Moore", "Non-executive Director", "board"],
  ["sarah", "", "Sarah", "Kendrick", "Head of Quality Improvement", "staff"],
  ["david", "", "David", "Singh", "Divisional Director of Operations, Medicine", "staff"],
  ["karen", "", "Karen", "Holt", "Divisional Director of Operations, Surgery", "staff"],
  ["samuel", "", "Samuel", "Osei", "Divisional Director of Operations, Emergency and Urgent Care", "staff"],
  ["rebecca", "", "Rebecca", "Lloyd", "Divisional Director of Operations, Women and Children's", "staff"],
  ["andrew", "", "Andrew", "Collins", "Divisional Director of Operations, Clinical Support Services", "staff"],
  ["james", "Dr", "James", "Achebe", "Consultant in Acute Medicine", "staff"],
  ["emily", "Dr", "Emily", "Hart", "Consultant in Emergency Medicine", "staff"],
  ["kwame", "Dr", "Kwame", "Mensah", "Consultant in Intensive Care Medicine and Trust Sepsis Lead", "staff"],
  ["aisha", "Dr", "Aisha", "Siddiqui", "Consultant Microbiologist", "staff"],
  ["hannah", "Dr", "Hannah", "Lewis", "Consultant Geriatrician", "staff"],
  ["oliver", "Mr", "Oliver", "Grant", "Consultant Orthopaedic Surgeon", "staff"],
  ["ravi", "Mr", "Ravi", "Menon", "Consultant General Surgeon", "staff"],
  ["nadia", "Dr", "Nadia", "Kowalski", "Consultant Obstetrician", "staff"],
  ["ben", "Dr", "Ben", "Adeyemi", "Consultant Paediatrician", "staff"],
  ["fiona", "", "Fiona", "McLeod", "Matron, Emergency Department", "staff"],
  ["nicola", "", "Nicola", "Hayes", "Matron, Acute and Elderly Medicine", "staff"],
  ["lisa", "", "Lisa", "Barker", "Matron, Surgery", "staff"],
  ["lucy", "", "Lucy", "Pemberton", "Matron, Maternity", "staff"],
  ["tom", "", "Tom", "Brennan", "Ward Manager, Ward 7", "staff"],
  ["joanne", "", "Joanne", "Price", "Ward Manager, Puffin Ward", "staff"],
  ["marcus", "", "Marcus", "Bell", "Ward Manager, Trauma and Orthopaedics", "staff"],
  ["sophie", "", "Sophie", "Turner", "Advanced Nurse Practitioner, Orthogeriatrics", "staff"],
  ["grace", "", "Grace", "Okafor", "Infection Prevention Lead", "staff"],
  ["rachel", "", "Rachel", "Dunn", "Lead Antimicrobial Pharmacist", "staff"],
  ["michelle", "", "Michelle", "Carter", "Tissue Viability Lead Nurse", "staff"],
  ["claire", "", "Claire", "Robson", "Head of Patient Flow", "staff"],
  ["amy", "", "Amy", "Fletcher", "Staff Nurse, Ward 12", "staff"],
];

export const DEMO_PEOPLE: DemoPerson[] = [
  ...signInUsers,
  ...named.map(([key, title, first, last, jobTitle, role]) => ({
    key,
    name: `${title ? `${title} ` : ""}${first} ${last}`,
    email: `${first}.${last}@${TRUST_DOMAIN}`.toLowerCase(),
    jobTitle,
    role,
    canSignIn: false,
  })),
];

/** People who have left the trust (days before today): disabled, still named as a lead, so the board flags it (ADR 106). */
export const DEMO_LEAVERS: Readonly<Record<string, number>> = { claire: -20 };

export const THEMES = [
  {
    key: "mortality",
    name: "Reducing avoidable mortality",
    description: "Recognise and respond to deterioration sooner, and learn from every death through structured judgement reviews.",
  },
  {
    key: "sepsis",
    name: "Sepsis: timely recognition and treatment",
    description: "Screen every patient at risk and give the Sepsis Six, including antibiotics, within one hour.",
  },
  {
    key: "cdiff",
    name: "Preventing C. difficile infection",
    description: "Fewer hospital-onset C. difficile cases through antimicrobial stewardship, prompt isolation and clean environments.",
  },
] as const;
export type ThemeKey = (typeof THEMES)[number]["key"];

export const DIVISIONS = [
  { key: "medicine", name: "Medicine" },
  { key: "surgery", name: "Surgery" },
  { key: "wac", name: "Women and Children's" },
  { key: "euc", name: "Emergency and Urgent Care" },
  { key: "css", name: "Clinical Support Services" },
] as const;
export type DivisionKey = (typeof DIVISIONS)[number]["key"];

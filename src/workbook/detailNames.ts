// The names the Locum details sheet is read by: each detail's label and the other names people give
// it ("DOB", "NI number", "Pension number"), spaces and case ignored, as columns.ts holds the sessions'.
import { isBlankCell } from "../rules";
import { normaliseHeader } from "./columns";

export type DetailKey =
  | "surname"
  | "otherNames"
  | "dateOfBirth"
  | "niNumber"
  | "sdNumber"
  | "gmcNumber"
  | "address"
  | "email"
  | "country"
  | "eaCode"
  | "hostLhbRef"
  | "tierRate"
  | "estimatedPay"
  | "otherPay"
  | "otherDays"
  | "addedYearsRate"
  | "mpavcRate"
  | "mpavcAmount"
  | "additionalPension"
  | "errboRate";

export const DETAIL_KEYS: Record<DetailKey, [label: string, ...synonyms: string[]]> = {
  surname: ["Surname", "lastname", "familyname"],
  otherNames: ["Other names", "firstnames", "firstname", "forenames", "forename", "givennames", "givenname"],
  dateOfBirth: ["Date of birth", "dob", "birthdate", "dateofbirthddmmyyyy"],
  niNumber: ["NI number", "nationalinsurancenumber", "nino", "ni", "nationalinsuranceno", "nino"],
  sdNumber: [
    "SD number",
    "sd",
    "sdref",
    "sdreference",
    "pensionnumber",
    "nhsbsanumber",
    "nhspsrefnumber",
    "nhspsref",
    "membershipnumber",
    "schemenumber",
    "sdnumbernhspension",
  ],
  gmcNumber: ["GMC number", "gmc", "gmcno", "gmcreference", "gmcregistrationnumber"],
  address: ["Address", "homeaddress", "postaladdress"],
  email: ["Email", "emailaddress", "e-mail"],
  country: ["Country", "nation"],
  eaCode: ["EA code", "pcselhbeacode", "employingauthoritycode", "pcseeacode", "lhbeacode", "eacodepcselhb"],
  hostLhbRef: ["Host LHB ref", "hostlhbrefno", "hostlhbreference", "lhbref", "hostlhbrefnowalesonly"],
  tierRate: ["Tier rate", "tier", "tieredcontributionrate", "contributionrate", "tierrate"],
  estimatedPay: ["Estimated pensionable pay", "estimate", "estimatedpay", "estimatedannualpensionablepay", "estimatedpensionablepayfortheyear"],
  otherPay: ["Other practitioner pay", "otherpay", "otherpensionablepay", "otherpractitionerpensionablepay", "othergppay"],
  otherDays: ["Other days of service", "otherdays", "otherdaysinservice"],
  addedYearsRate: ["Added years rate", "addedyears", "addedyearspercent"],
  mpavcRate: ["MPAVC rate", "mpavcpercent", "mpavcs"],
  mpavcAmount: ["MPAVC monthly amount", "mpavcamount", "mpavcmonthly"],
  additionalPension: ["Additional pension monthly amount", "additionalpension", "additionalpensioncontributions", "additionalpensionmonthly"],
  errboRate: ["ERRBO rate", "errbo", "errbopercent"],
};

export const DETAIL_LOOKUP = new Map<string, DetailKey>();
for (const [k, [label, ...syn]] of Object.entries(DETAIL_KEYS) as [DetailKey, string[]][]) {
  for (const n of [label, ...syn]) DETAIL_LOOKUP.set(normaliseHeader(n), k);
}
/** The detail a key cell names, by its label ("DOB" → "Date of birth"); null for any other text. */
export function detailLabel(key: unknown): string | null {
  const k = DETAIL_LOOKUP.get(normaliseHeader(key));
  return k ? DETAIL_KEYS[k][0] : null;
}

/** How many of the locum's details a sheet's rows name (Surname, SD number, NI number…), each once. */
export function detailsScore(rows: unknown[][]): number {
  const found = new Set<DetailKey>();
  for (const r of rows.slice(0, 60)) {
    const first = (r ?? []).find((c) => !isBlankCell(c));
    const key = DETAIL_LOOKUP.get(normaliseHeader(first));
    if (key) found.add(key);
  }
  return found.size;
}

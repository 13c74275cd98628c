// The year template a locum fills in: its plan, sheets and formulas (a host writes it).
export * from "./template";

export * from "./types";
export * from "./day";
export * from "./errors";
export * from "./ruleset";
export * from "./override";
export * from "./yearEnd";
export * from "./text";
export * from "./lists";

// The engine's public surface: pure functions on decimal.js, no Office, DOM or Node imports.
export * from "./money";
export * from "./settings";
export * from "./schemeYear";
export * from "./inputs";
export * from "./tiers";
export * from "./pay";
export * from "./annualise";
export * from "./apportion";
export * from "./contrib";
export * from "./upr";
export * from "./deadlines";
export * from "./formBMonth";
export * from "./explain/breakdown";
export * from "./yearEnd";
export * from "./explain/yearEnd";

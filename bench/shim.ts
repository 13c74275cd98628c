// Outside Excel there is no CustomFunctions global; the functions need it only to throw errors.
// The benchmark and the tests install this stand-in (engineering.md: "a 10-line shim").
export class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!" };

export function installCustomFunctionsGlobal(): void {
  const g = globalThis as Record<string, unknown>;
  if (!g.CustomFunctions) g.CustomFunctions = { Error: CustomFunctionsError, ErrorCode, associate: () => undefined };
}

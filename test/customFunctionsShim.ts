// Outside Excel there is no CustomFunctions global: this stands in for it, as engineering.md says.
export class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!" };

export function installShim(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = { Error: CustomFunctionsError, ErrorCode, associate: () => undefined };
}

/**
 * The one error type every layer throws for bad input. `kind` tells a host how to show it:
 * "value" is input the user must correct (#VALUE! in Excel, exit 2 on the command line),
 * "na" is a date no rule table covers (#N/A).
 */
export class LocumError extends Error {
  constructor(
    message: string,
    readonly kind: "value" | "na" = "value",
  ) {
    super(message);
    this.name = "LocumError";
  }
}

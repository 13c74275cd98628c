// The number formats and cell styles the sheets share.
import type { Style } from "./types";

export const DATE = "dd/mm/yyyy";
export const MONEY = "£#,##0.00";
export const TEXT = "@";
export const NOTE: Style = { italic: true, color: "595959", wrap: true };
export const TITLE: Style = { bold: true, size: 14 };
export const HEAD: Style = { bold: true };

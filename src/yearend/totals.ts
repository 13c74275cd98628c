// The year end's sums over many clients (a practice of accountants, §8): which years count in the
// totals and what they add up to. A year counts once per locum (a copy of a workbook in the folder is
// named, not added again), and only when it is final (no error stops a form of it) and has ended;
// Type 2s due are listed whatever their totals. Hosts only word and print what this gives.
import type Decimal from "decimal.js";
import { Money, ZERO } from "../engine";

/** What the totals need of one scheme year of a client. */
export interface TotalsYear {
  schemeYear: number;
  /** "2025/26", for the copies' list. */
  label: string;
  final: boolean;
  inProgress: boolean;
  /** Due − paid, as a 2-decimal string (positive: a top-up). */
  difference: string;
  type2DueBy: string | null;
}

export interface TotalsClient {
  /** The client's place in the run: a client is counted once however many of its years add up. */
  index: number;
  /** Its workbook's name. */
  file: string;
  locum: { name: string; sdNumber: string } | null;
  years: TotalsYear[];
}

/** A year already counted from another workbook of the same locum. */
export interface YearCopy {
  file: string;
  first: string;
  schemeYear: string;
}

export interface Type2Due {
  file: string;
  schemeYear: string;
  dueBy: string;
  inProgress?: boolean;
}

export class YearEndTotals {
  topUps: Decimal = ZERO;
  refunds: Decimal = ZERO;
  readonly topUpClients = new Set<number>();
  readonly refundClients = new Set<number>();
  notFinal = 0;
  inProgress = 0;
  readonly copies: YearCopy[] = [];
  readonly type2: Type2Due[] = [];
  /** The first workbook of each locum and scheme year. */
  private seen = new Map<string, string>();

  /** Count a client's years; gives, per year, the workbook it copies (null: counted, or left out for another reason). */
  add(c: TotalsClient): (string | null)[] {
    return c.years.map((y) => {
      const first = this.copyOf(c, y);
      if (first !== null) return first;
      if (y.type2DueBy !== null) this.type2.push({ file: c.file, schemeYear: y.label, dueBy: y.type2DueBy, ...(y.inProgress ? { inProgress: true } : {}) });
      if (!y.final) this.notFinal++;
      else if (y.inProgress) this.inProgress++;
      else this.settle(c.index, new Money(y.difference));
      return null;
    });
  }

  private copyOf(c: TotalsClient, y: TotalsYear): string | null {
    if (!c.locum) return null;
    const who = c.locum.sdNumber ? `sd:${c.locum.sdNumber}` : `name:${c.locum.name.toLowerCase()}`;
    const key = `${who}|${y.schemeYear}`;
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, c.file);
      return null;
    }
    this.copies.push({ file: c.file, first, schemeYear: y.label });
    return first;
  }

  private settle(client: number, d: Decimal): void {
    if (d.isZero()) return;
    if (d.isPositive()) {
      this.topUps = this.topUps.plus(d);
      this.topUpClients.add(client);
    } else {
      this.refunds = this.refunds.plus(d.abs());
      this.refundClients.add(client);
    }
  }
}

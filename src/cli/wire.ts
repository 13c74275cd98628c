// The forms' models across a worker thread: structured cloning keeps plain data but turns a
// decimal.js value into a bare object without its methods, so each Decimal travels as its exact
// text and comes back as the engine's Money. Anything else that is not plain data is refused:
// the worker would draw it wrongly, so the caller renders in its own thread instead.
import { Money } from "../engine";

interface WireDecimal {
  $decimal: string;
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

export function toWire(v: unknown): unknown {
  if (v === null || typeof v !== "object") {
    if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") throw new Error(`cannot send a ${typeof v} to a worker`);
    return v;
  }
  if (Array.isArray(v)) return v.map(toWire);
  if (v instanceof Money) {
    if (v.constructor !== Money) throw new Error("cannot send a Decimal of another precision to a worker");
    return { $decimal: v.isZero() && v.isNeg() ? "-0" : v.toString() } satisfies WireDecimal;
  }
  if (!isPlainObject(v)) throw new Error(`cannot send a ${v.constructor?.name ?? "class instance"} to a worker`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toWire(x);
  return out;
}

export function fromWire(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(fromWire);
  const o = v as Record<string, unknown>;
  if (typeof o.$decimal === "string" && Object.keys(o).length === 1) return new Money(o.$decimal);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = fromWire(x);
  return out;
}

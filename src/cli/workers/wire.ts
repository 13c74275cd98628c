// The forms' models across a worker thread: structured cloning keeps plain data but turns a
// decimal.js value into a bare object without its methods, so each Decimal travels as its exact
// text and comes back as the engine's Money. Anything else that is not plain data is refused:
// the worker would draw it wrongly, so the caller renders in its own thread instead. An object
// met twice (a Form A in its month's list and in its Form B's) comes back as one object, as
// structured cloning keeps it: the pack finds the forms it copies by identity.
import { Money } from "../../engine";

interface WireDecimal {
  $decimal: string;
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

export function toWire(v: unknown, seen = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== "object") {
    if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") throw new Error(`cannot send a ${typeof v} to a worker`);
    return v;
  }
  if (seen.has(v)) return seen.get(v);
  if (v instanceof Money) {
    if (v.constructor !== Money) throw new Error("cannot send a Decimal of another precision to a worker");
    const d: WireDecimal = { $decimal: v.isZero() && v.isNeg() ? "-0" : v.toString() };
    seen.set(v, d);
    return d;
  }
  if (!Array.isArray(v) && !isPlainObject(v)) throw new Error(`cannot send a ${v.constructor?.name ?? "class instance"} to a worker`);
  const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
  seen.set(v, out);
  for (const [k, x] of Object.entries(v)) (out as Record<string, unknown>)[k] = toWire(x, seen);
  return out;
}

export function fromWire(v: unknown, seen = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== "object") return v;
  if (seen.has(v)) return seen.get(v);
  const o = v as Record<string, unknown>;
  if (!Array.isArray(v) && typeof o.$decimal === "string" && Object.keys(o).length === 1) {
    const d = new Money(o.$decimal);
    seen.set(v, d);
    return d;
  }
  const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
  seen.set(v, out);
  for (const [k, x] of Object.entries(o)) (out as Record<string, unknown>)[k] = fromWire(x, seen);
  return out;
}

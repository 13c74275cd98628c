// A streaming XML scanner for the parts of an .xlsx package: start tags with their attributes, text
// (entities decoded, CDATA as text), end tags; comments, processing instructions and a DOCTYPE are
// skipped (a DOCTYPE's entities are never expanded). It checks what a reader must trust: tags nest and
// match, one root, no stray text outside it, entities known, quotes closed. It is ours, not saxes,
// for speed: saxes checks every name and character class of the XML specification and parsed a busy
// year's sheet at about 20 MB/s, most of a year-end client's reading time; the parts spreadsheets
// write need only this subset, which this scans at several times that (docs/reader.md).

import { columnAt } from "../../../workbook";

export interface XmlEvents {
  open(name: string, attrs: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
  /**
   * A worksheet cell of the usual shape, `<c r="B2" s="1" t="s"><v>7</v></c>` or `<c …/>`, in one
   * call: the column its r names (columnAt: 2 for "B2"; -1 without an r), its style number (0
   * without one), its t, and its value text (null when it has no <v>); other attributes dropped.
   * With it, such cells skip the events above (a sheet's cells are most of a workbook's XML); a
   * cell of any other shape (a formula, inline text, an entity, a line end, a style that is not
   * a plain number) comes as events.
   */
  cell?(col: number, style: number, t: string | undefined, v: string | null): void;
}

/** The part is not well-formed XML: the reason, for the one-line message. */
export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const ENTITY = /&([^;&]*);?/g;

/** Text or an attribute value with its entities decoded ("&amp;" → "&", "&#233;" → "é"). */
function decode(raw: string): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(ENTITY, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new XmlError(`"&" not followed by an entity name and ";"`);
    const known = ENTITIES[name];
    if (known !== undefined) return known;
    const code = name.startsWith("#x") ? parseInt(name.slice(2), 16) : name.startsWith("#") ? Number(name.slice(1)) : NaN;
    if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) throw new XmlError(`unknown entity &${name};`);
    return String.fromCodePoint(code);
  });
}

const localName = (n: string) => {
  const i = n.indexOf(":");
  return i < 0 ? n : n.slice(i + 1);
};

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** Ends a name: space, "/", ">", "=". */
const endsName = (c: number) => isSpace(c) || c === 47 || c === 62 || c === 61;

const OPENERS = ["<!--", "<![CDATA[", "<!DOCTYPE"];
/** A name or value the quick path leaves to the full one (spaces, entities, line ends, "<"). */
const ODD_NAME = /[\s/>]/;
const ODD_VALUE = /[<&\t\n\r]/;

export class XmlScanner {
  private buf = "";
  private readonly stack: string[] = [];
  private rootSeen = false;

  constructor(private readonly on: XmlEvents) {}

  /** More of the document. Tokens cut by the end of the chunk wait for the next. */
  write(chunk: string): void {
    this.buf = this.buf ? this.buf + chunk : chunk;
    this.scan(false);
  }

  /** The end of the document: anything still open or cut short is an error. */
  close(): void {
    this.scan(true);
    if (this.buf.trim()) throw new XmlError("the document ends inside a tag");
    if (this.stack.length) throw new XmlError(`the document ends before </${this.stack[this.stack.length - 1]}>`);
    if (!this.rootSeen) throw new XmlError("no root element");
  }

  private scan(final: boolean): void {
    const s = this.buf;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        // Text to the end of the chunk: said now, but for an entity the chunk cuts ("&am").
        const amp = final ? -1 : s.lastIndexOf("&");
        let end = amp >= pos && s.indexOf(";", amp) < 0 ? amp : s.length;
        // A "\r" the chunk cuts from its "\n" waits too (else one line end would read as two).
        if (!final && end === s.length && s.charCodeAt(end - 1) === 13) end--;
        if (end > pos) this.textOf(s.slice(pos, end));
        pos = end;
        break;
      }
      if (lt > pos) this.textOf(s.slice(pos, lt));
      pos = lt;
      const next = this.token(s, lt);
      if (next < 0) break; // cut by the end of the chunk
      pos = next;
    }
    this.buf = s.slice(pos);
  }

  private textOf(raw: string): void {
    // Line ends as XML reads them: "\r\n" and a lone "\r" are "\n" (an entity &#13; stays).
    if (this.stack.length) return this.on.text(decode(raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n")));
    for (let i = 0; i < raw.length; i++) if (!isSpace(raw.charCodeAt(i))) throw new XmlError("text outside the root element");
  }

  /** The token at `lt` (a "<"): where the next one starts, or -1 when the chunk ends inside it. */
  private token(s: string, lt: number): number {
    const c = s.charCodeAt(lt + 1);
    if (c === 47) return this.endTag(s, lt);
    if (c === 63) return skipTo(s, lt, "?>");
    if (c === 33) return this.special(s, lt);
    if (Number.isNaN(c)) return -1;
    if (c === 99 && this.on.cell && this.stack.length) {
      const next = this.cell(s, lt);
      if (next >= 0) return next;
    }
    return this.startTag(s, lt);
  }

  /**
   * A cell of the usual shape at `lt`, whole in the chunk and with nothing odd in it (see XmlEvents.cell):
   * said in one call, and where the scan goes on; -1 for any other, which the full path then reads
   * (and refuses, when it is not well-formed), so this path never accepts what that one would not.
   */
  private cell(s: string, lt: number): number {
    let col = -1;
    let style = 0;
    let t: string | undefined;
    let i = lt + 2;
    let c = s.charCodeAt(i);
    if (c !== 32 && c !== 62 && c !== 47) return -1; // <col>, <c\n…
    for (;;) {
      c = s.charCodeAt(i);
      if (c === 32) {
        i++;
        continue;
      }
      if (c === 62) break;
      if (c === 47) {
        if (s.charCodeAt(i + 1) !== 62) return -1;
        this.on.cell!(col, style, t, null);
        return i + 2;
      }
      // name="value", each read in one pass: a plain name, a value with nothing to decode or normalise.
      const name = i;
      while (nameChar(c)) c = s.charCodeAt(++i);
      const q = s.charCodeAt(i + 1);
      if (c !== 61 || i === name || (q !== 34 && q !== 39)) return -1;
      const from = i + 2;
      let end = from;
      while ((c = s.charCodeAt(end)) !== q) {
        if (!valueChar(c)) return -1; // the end of the chunk (NaN) too
        end++;
      }
      // r, s and t read from the text, without a string each (most are "A2", "3" and "s").
      if (i - name === 1) {
        const n = s.charCodeAt(name);
        if (n === 114) col = end > from ? columnAt(s, from) : -1;
        else if (n === 115 && (style = styleAt(s, from, end)) < 0) return -1;
        else if (n === 116) t = typeAt(s, from, end);
      }
      i = end + 1;
    }
    // After ">": "</c>", or "<v>text</v></c>".
    if (s.startsWith("</c>", i + 1)) {
      this.on.cell!(col, style, t, null);
      return i + 5;
    }
    if (!s.startsWith("<v>", i + 1)) return -1;
    let lv = i + 4;
    while (valueChar((c = s.charCodeAt(lv)))) lv++;
    if (c !== 60 || !s.startsWith("</v></c>", lv)) return -1;
    this.on.cell!(col, style, t, s.slice(i + 4, lv));
    return lv + 8;
  }

  /** <!-- -->, <![CDATA[ ]]> and <!DOCTYPE …> (with an internal subset in [ ]). */
  private special(s: string, lt: number): number {
    const head = s.slice(lt, lt + 9);
    if (OPENERS.some((o) => head.length < o.length && o.startsWith(head))) return -1; // cut: wait
    if (s.startsWith("<!--", lt)) return skipTo(s, lt, "-->");
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      if (!this.stack.length) throw new XmlError("CDATA outside the root element");
      this.on.text(s.slice(lt + 9, end));
      return end + 3;
    }
    if (s.startsWith("<!DOCTYPE", lt)) {
      if (this.rootSeen) throw new XmlError("a DOCTYPE after the root element");
      const bracket = s.indexOf("[", lt);
      const gt = s.indexOf(">", lt);
      if (gt < 0) return -1;
      return bracket >= 0 && bracket < gt ? skipTo(s, bracket, "]>") : gt + 1;
    }
    throw new XmlError(`"<!" that starts no comment, CDATA or DOCTYPE`);
  }

  private endTag(s: string, lt: number): number {
    const gt = s.indexOf(">", lt);
    if (gt < 0) return -1;
    const name = s.slice(lt + 2, gt).trim();
    const open = this.stack.pop();
    if (open !== name) throw new XmlError(open === undefined ? `</${name}> with nothing open` : `</${name}> where </${open}> was expected`);
    this.on.close(localName(name));
    return gt + 1;
  }

  private startTag(s: string, lt: number): number {
    let i = lt + 1;
    while (i < s.length && !endsName(s.charCodeAt(i))) i++;
    if (i >= s.length) return -1;
    const name = s.slice(lt + 1, i);
    if (!name) throw new XmlError(`"<" not followed by a name`);
    const attrs: Record<string, string> = {};
    for (;;) {
      while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      if (i >= s.length) return -1;
      const c = s.charCodeAt(i);
      if (c === 62) return this.opened(name, attrs, false, i + 1);
      if (c === 47) {
        if (i + 1 >= s.length) return -1;
        if (s.charCodeAt(i + 1) !== 62) throw new XmlError(`"/" inside <${name}> not followed by ">"`);
        return this.opened(name, attrs, true, i + 2);
      }
      i = this.attribute(s, i, name, attrs);
      if (i < 0) return -1;
    }
  }

  /** One attribute from `i`: where the scan goes on, or -1 when cut. */
  private attribute(s: string, i: number, tag: string, attrs: Record<string, string>): number {
    // The usual shape, name="value" with nothing odd inside, read with two searches.
    const eq = s.indexOf("=", i);
    const q = eq < 0 ? NaN : s.charCodeAt(eq + 1);
    if (q === 34 || q === 39) {
      const end = s.indexOf(q === 34 ? '"' : "'", eq + 2);
      if (end < 0) return -1;
      const key = s.slice(i, eq);
      const raw = s.slice(eq + 2, end);
      if (!ODD_NAME.test(key) && !ODD_VALUE.test(raw)) {
        attrs[key] = raw;
        return end + 1;
      }
    }
    return this.attributeInFull(s, i, tag, attrs);
  }

  /** An attribute of any shape: spaces around "=", entities, line ends, or a fault to name. */
  private attributeInFull(s: string, i: number, tag: string, attrs: Record<string, string>): number {
    const start = i;
    while (i < s.length && !endsName(s.charCodeAt(i))) i++;
    const key = s.slice(start, i);
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return -1;
    if (!key || s.charCodeAt(i) !== 61) throw new XmlError(`an attribute of <${tag}> without a name and "="`);
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return -1;
    const q = s.charCodeAt(i);
    if (q !== 34 && q !== 39) throw new XmlError(`attribute ${key} of <${tag}> is not in quotes`);
    const end = s.indexOf(q === 34 ? '"' : "'", i + 1);
    if (end < 0) return -1;
    const raw = s.slice(i + 1, end);
    if (raw.indexOf("<") >= 0) throw new XmlError(`"<" inside attribute ${key} of <${tag}>`);
    // An attribute's tabs and line ends read as spaces, as XML normalises them (before entities).
    attrs[key] = decode(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw);
    return end + 1;
  }

  private opened(name: string, attrs: Record<string, string>, empty: boolean, next: number): number {
    if (!this.stack.length) {
      if (this.rootSeen) throw new XmlError("a second root element");
      this.rootSeen = true;
    }
    const local = localName(name);
    this.on.open(local, attrs);
    if (empty) this.on.close(local);
    else this.stack.push(name);
    return next;
  }
}

/** A style number of up to 9 digits as Number() reads it (0 when empty); -1 for anything else. */
function styleAt(s: string, from: number, end: number): number {
  if (end - from > 9) return -1;
  let n = 0;
  for (let i = from; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A cell type: the usual ones without a new string. */
function typeAt(s: string, from: number, end: number): string {
  if (end - from === 1) {
    const c = s.charCodeAt(from);
    if (c === 115) return "s";
    if (c === 110) return "n";
    if (c === 98) return "b";
    if (c === 101) return "e";
  } else if (end - from === 3 && s.startsWith("str", from)) return "str";
  return s.slice(from, end);
}

/** A character the fast cell path takes in a value as it is: not a space, tab or line end, "<" or "&" (nor NaN, past the chunk). */
const valueChar = (c: number) => c > 32 && c !== 60 && c !== 38;
/** … and in a name: nor "/", ">", "=" or a quote. */
const nameChar = (c: number) => valueChar(c) && c !== 47 && c !== 62 && c !== 61 && c !== 34 && c !== 39;

/** Past the next `end` after `from`, or -1 when the chunk ends first. */
function skipTo(s: string, from: number, end: string): number {
  const at = s.indexOf(end, from + 2);
  return at < 0 ? -1 : at + end.length;
}

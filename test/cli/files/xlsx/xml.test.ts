// The .xlsx reader's XML scanner against saxes (a conformant XML parser, kept as the oracle): the
// same events for the parts spreadsheets write, however the text is cut into chunks; and the
// documents that are not well-formed refused with a reason.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { SaxesParser } from "saxes";
import { XmlError, XmlScanner } from "../../../../src/cli/files/xlsx/xml";
import { columnAt } from "../../../../src/workbook/columns";

type Ev = string;
const local = (n: string) => n.slice(n.indexOf(":") + 1);

/** Events with adjacent text joined (either parser may split text). */
function joined(events: Ev[]): Ev[] {
  const out: Ev[] = [];
  for (const e of events) {
    if (e.startsWith("T") && out.length && out[out.length - 1].startsWith("T")) out[out.length - 1] += e.slice(1);
    else out.push(e);
  }
  return out.filter((e) => e !== "T");
}

/** A cell's attributes as the sheet reads them, and as the fast cell path gives them: its column (-1: none), style and type. */
const rst = (a: Record<string, string | undefined>) => cst(a.r ? columnAt(a.r, 0) : -1, a.s ? Number(a.s) : 0, a.t);
const cst = (col: number, style: number, t: string | undefined) => JSON.stringify([col, style, t ?? null]);

/** Our events; with `cells`, the usual cells in one call each (counted in `fast`), written out as the events they stand for. */
function ours(xml: string, cuts: number[] = [], cells?: { fast: number }): Ev[] {
  const ev: Ev[] = [];
  const p = new XmlScanner({
    open: (n, a) => ev.push(n === "c" && cells ? `Oc ${rst(a)}` : `O${n} ${JSON.stringify(Object.entries(a))}`),
    text: (t) => ev.push(`T${t}`),
    close: (n) => ev.push(`C${n}`),
    cell: cells
      ? (col, style, t, v) => {
          cells.fast++;
          ev.push(`Oc ${cst(col, style, t)}`, ...(v === null ? [] : ["Ov []", `T${v}`, "Cv"]), "Cc");
        }
      : undefined,
  });
  let at = 0;
  for (const c of [...cuts, xml.length]) {
    p.write(xml.slice(at, c));
    at = c;
  }
  p.close();
  return joined(ev);
}

/** saxes's events; with `cells`, a c element's attributes as the fast cell path gives them. */
function oracle(xml: string, cells = false): Ev[] {
  const ev: Ev[] = [];
  let depth = 0;
  const p = new SaxesParser({ position: false });
  p.on("opentag", (t) => {
    depth++;
    const a = t.attributes as Record<string, string>;
    ev.push(cells && local(t.name) === "c" ? `Oc ${rst(a)}` : `O${local(t.name)} ${JSON.stringify(Object.entries(a))}`);
  });
  p.on("text", (t) => depth && ev.push(`T${t}`));
  p.on("cdata", (t) => ev.push(`T${t}`));
  p.on("closetag", (t) => {
    depth--;
    ev.push(`C${local(t.name)}`);
  });
  p.write(xml).close();
  return joined(ev);
}

const WORKBOOKS = join(__dirname, "..", "..", "..", "support", "workbooks");
const parts = readdirSync(WORKBOOKS)
  .filter((f) => f.endsWith(".xlsx") && f !== "encrypted.xlsx")
  .flatMap((f) =>
    Object.entries(unzipSync(readFileSync(join(WORKBOOKS, f))))
      .filter(([n]) => /\.(xml|rels)$/.test(n))
      .map(([n, b]) => [`${f}:${n}`, strFromU8(b)] as const),
  );

describe("XmlScanner", () => {
  test("gives saxes's events for every part of every fixture workbook (Excel, LibreOffice, openpyxl)", () => {
    expect(parts.length).toBeGreaterThan(30);
    for (const [name, xml] of parts) expect([name, ours(xml)]).toEqual([name, oracle(xml)]);
  });

  test("the same events however the text is cut into chunks", () => {
    const xml = `<?xml version="1.0"?>\r\n<!-- a note --><sst xmlns:x="u"><si><t xml:space="preserve"> a &amp; b &#233;&#x1F600;\r\nc</t></si><x:si><![CDATA[<raw> & ]]></x:si><si a = 'q"t' b="x&#10;y	z"/></sst>`;
    const whole = oracle(xml);
    expect(whole).toContain("T a & b é😀\nc");
    for (let i = 1; i < xml.length; i++) expect(ours(xml, [i])).toEqual(whole);
    for (let i = 1; i < xml.length - 7; i += 3) expect(ours(xml, [i, i + 2, i + 7])).toEqual(whole);
  });

  test("a sheet's usual cells in one call each: the events they stand for, in every fixture part", () => {
    const cells = { fast: 0 };
    for (const [name, xml] of parts) expect([name, ours(xml, [], cells)]).toEqual([name, oracle(xml, true)]);
    expect(cells.fast).toBeGreaterThan(100);
  });

  // Usual cells, and cells the fast path leaves to the full one: a formula, inline text, an entity,
  // a line end in the tag, a space in a value, a prefixed name, <col>, a tab, an attribute in single quotes.
  const SHEET =
    `<worksheet><cols><col min="1"/></cols><sheetData><row r="1"><c r="A1" s="3" t="s"><v>12</v></c><c r="B1"/><c r="C1" t="n"></c>` +
    `<c r='D1' cm="1"><v>4.5</v></c><c r="E1" t="str"><f>A1&amp;"x"</f><v>ab</v></c><c r="F1" t="inlineStr"><is><t>x y</t></is></c>` +
    `<c r="G1"><v>1&amp;2</v></c><c\n r="H1"><v>1</v></c><c r="I1" t="e"><v>#N/A</v></c><c r="J1" t="s"><v>1 </v></c>` +
    `<x:c r="K1"><v>3</v></x:c><c\tr="L1"><v>2</v></c><c r="M1"  s="0" ><v>-1.5E-3</v></c><c r="N1">\n<v>5</v></c>` +
    `<c r="O1" s="+2"><v>1</v></c><c r="" t="b"><v>1</v></c><c r="q1" s="007" t="d"><v>2025-04-01</v></c><c r="R1" s="2" t="inlineStr"/></row></sheetData></worksheet>`;

  test("cells cut anywhere by chunks, and cells of other shapes: the same events", () => {
    const whole = oracle(SHEET, true);
    const cells = { fast: 0 };
    expect(ours(SHEET, [], cells)).toEqual(whole);
    expect(cells.fast).toBe(9); // A1, B1, C1, D1, I1, M1, the empty r, q1, R1
    for (let i = 1; i < SHEET.length; i++) expect(ours(SHEET, [i], { fast: 0 })).toEqual(whole);
  });

  test.each([
    ['<a><c r="A1"><v>1</v></d></a>', "</d> where </c> was expected"],
    ['<a><c r="A1" t="s><v>1</v></c></a>', "the document ends inside a tag"],
    ['<a><c r="A1"><v>1<v></c></a>', "</c> where </v> was expected"],
    ['<a><c r="A1"/ ></a>', '"/" inside <c> not followed by ">"'],
    ["<a><c r=A1><v>1</v></c></a>", "attribute r of <c> is not in quotes"],
    ['<a><c r="A1"><v>1</v></c>', "the document ends before </a>"],
  ])("a cell that is not well-formed is refused as any element: %j", (xml, why) => {
    expect(() => ours(xml)).toThrow(why);
    expect(() => ours(xml, [], { fast: 0 })).toThrow(why);
  });

  test("a DOCTYPE is skipped, its entities never expanded", () => {
    const xml = `<!DOCTYPE a [<!ENTITY x "boom">]><a>&amp;</a>`;
    expect(ours(xml)).toEqual(["Oa []", "T&", "Ca"]);
    expect(() => ours(`<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>`)).toThrow("unknown entity &x;");
  });

  test.each([
    ["<a><b></a>", "</a> where </b> was expected"],
    ["<a></a><b/>", "a second root element"],
    ["<a>", "the document ends before </a>"],
    ["<a b='1", "the document ends inside a tag"],
    ["hello<a/>", "text outside the root element"],
    ["<a>&nbsp;</a>", "unknown entity &nbsp;"],
    ["<a>AT&T</a>", '"&" not followed by an entity name and ";"'],
    ["<a b=1/>", "attribute b of <a> is not in quotes"],
    ["<a b='<'/>", '"<" inside attribute b of <a>'],
    ["<a/ >", '"/" inside <a> not followed by ">"'],
    ["</a>", "</a> with nothing open"],
    ["", "no root element"],
    ["<a><!x></a>", '"<!" that starts no comment, CDATA or DOCTYPE'],
  ])("refuses %j: %s", (xml, why) => {
    expect(() => ours(xml)).toThrow(XmlError);
    expect(() => ours(xml)).toThrow(why);
  });
});

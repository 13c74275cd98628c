// The .xlsx reader's XML scanner against saxes (a conformant XML parser, kept as the oracle): the
// same events for the parts spreadsheets write, however the text is cut into chunks; and the
// documents that are not well-formed refused with a reason.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { SaxesParser } from "saxes";
import { XmlError, XmlScanner } from "../../../../src/cli/files/xlsx/xml";

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

function ours(xml: string, cuts: number[] = []): Ev[] {
  const ev: Ev[] = [];
  const p = new XmlScanner({
    open: (n, a) => ev.push(`O${n} ${JSON.stringify(Object.entries(a))}`),
    text: (t) => ev.push(`T${t}`),
    close: (n) => ev.push(`C${n}`),
  });
  let at = 0;
  for (const c of [...cuts, xml.length]) {
    p.write(xml.slice(at, c));
    at = c;
  }
  p.close();
  return joined(ev);
}

function oracle(xml: string): Ev[] {
  const ev: Ev[] = [];
  let depth = 0;
  const p = new SaxesParser({ position: false });
  p.on("opentag", (t) => {
    depth++;
    ev.push(`O${local(t.name)} ${JSON.stringify(Object.entries(t.attributes))}`);
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

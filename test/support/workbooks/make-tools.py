#!/usr/bin/python3
# Makes the small workbooks other tools write, for test/cli/files/xlsx/tools.test.ts:
#   openpyxl-hidden.xlsx   a visible "Sessions 2025" and a hidden "Sessions" holding one old £99,999 row
#   openpyxl-1904.xlsx     the 1904 date system (Excel for Mac's old default), dates as date cells
#   openpyxl-beside.xlsx   a table A1:G4 and a "Work type" column at I, outside it
#   libreoffice.xlsx       saved by LibreOffice Calc (soffice --headless --convert-to xlsx) from an
#                          openpyxl file with formulas: a title merged over the header, a Pensionable
#                          pay formula and an IF giving ""; LibreOffice works the formulas out and
#                          saves their results, as Excel does
# Run: /usr/bin/python3 test/support/workbooks/make-tools.py (needs python3-openpyxl, libreoffice-calc)
import datetime as dt
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.table import Table, TableStyleInfo

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"]
ROWS = [
    (dt.date(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, dt.date(2025, 4, 20), "R-1", dt.date(2025, 5, 2)),
    (dt.date(2025, 4, 2), "Castle Street Surgery", "B86021", 120, dt.date(2025, 4, 25), "C-1", dt.date(2025, 5, 2)),
    (dt.date(2025, 5, 6), "Riverside Medical Centre", "Y02345", 300, dt.date(2025, 5, 20), "R-2", dt.date(2025, 6, 2)),
]
DETAILS = [
    ("Surname", "Nguyen"), ("Other names", "Zoe"), ("Date of birth", dt.date(1979, 11, 30)),
    ("NI number", "QQ123456C"), ("SD number", "01234567"), ("GMC number", "7654321"),
    ("Address", "3 Rose Lane, York YO1 7HH"), ("Email", "zoe@example.org"), ("Country", "England"),
    ("EA code", "Q99"), ("Tier rate", "9.8%"),
]


def dated(ws):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, dt.date):
                c.number_format = "dd/mm/yyyy"


def sessions(ws, rows=ROWS, at=1):
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    dated(ws)


def details(wb):
    d = wb.create_sheet("Locum details")
    for k, v in DETAILS:
        d.append([k, v])
    dated(d)


def hidden():
    wb = Workbook()
    ws = wb.active
    ws.title = "Sessions 2025"
    sessions(ws)
    old = wb.create_sheet("Sessions")
    sessions(old, [(dt.date(2024, 4, 1), "Old Practice", "Y99999", 99999, dt.date(2024, 4, 20), "OLD-1", dt.date(2024, 5, 2))])
    old.sheet_state = "hidden"
    details(wb)
    wb.save(os.path.join(HERE, "openpyxl-hidden.xlsx"))


def mac1904():
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    sessions(wb.active)
    wb.active.title = "Sessions"
    details(wb)
    wb.save(os.path.join(HERE, "openpyxl-1904.xlsx"))


def beside():
    wb = Workbook()
    ws = wb.active
    ws.title = "Sessions"
    sessions(ws)
    ws["I1"] = "Work type"
    for i in range(2, 5):
        ws[f"I{i}"] = "Agency"
    t = Table(displayName="Sessions", ref="A1:G4")
    t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(t)
    details(wb)
    wb.save(os.path.join(HERE, "openpyxl-beside.xlsx"))


def libreoffice():
    wb = Workbook()
    ws = wb.active
    ws.title = "Sessions"
    ws["A1"] = "Dr Zoe Nguyen: sessions 2025/26"
    ws.merge_cells("A1:C1")
    ws.append(HEADER + ["Pensionable pay", "Note"])
    for i, r in enumerate(ROWS, start=3):
        ws.append(list(r) + [f"=D{i}*0.9", f'=IF(D{i}>200,"large","")'])
    dated(ws)
    details(wb)
    tmp = tempfile.mkdtemp()
    try:
        src = os.path.join(tmp, "libreoffice.xlsx")
        wb.save(src)
        out = os.path.join(tmp, "out")
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(os.path.join(out, "libreoffice.xlsx"), os.path.join(HERE, "libreoffice.xlsx"))
    finally:
        shutil.rmtree(tmp)


hidden()
mac1904()
beside()
libreoffice()

#!/usr/bin/python3
# Makes openpyxl-table.xlsx: a workbook as Python's openpyxl writes it (Debian's python3-openpyxl),
# with the Sessions as an Excel table. openpyxl writes the table's relationship with an absolute
# target (/xl/tables/table1.xml), which exceljs cannot read (exceljs issue #1468).
# Run: /usr/bin/python3 test/support/workbooks/make-openpyxl.py
import datetime as dt
import os

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

wb = Workbook()
ws = wb.active
ws.title = "Sessions"
ws.append(["Date worked", "Practice", "Practice code", "Fee", "Date paid", "Invoice", "Date submitted"])
rows = [
    (dt.date(2025, 4, 1), "Riverside Medical Centre", "Y02345", 100, dt.date(2025, 4, 20), "R-1", dt.date(2025, 5, 2)),
    (dt.date(2025, 4, 2), "Castle Street Surgery", "B86021", 120, dt.date(2025, 4, 25), "C-1", dt.date(2025, 5, 2)),
    (dt.date(2025, 5, 6), "Riverside Medical Centre", "Y02345", 300, dt.date(2025, 5, 20), "R-2", dt.date(2025, 6, 2)),
]
for r in rows:
    ws.append(r)
for row in ws.iter_rows(min_row=2, min_col=1, max_col=7):
    for c in row:
        if isinstance(c.value, dt.date):
            c.number_format = "dd/mm/yyyy"
table = Table(displayName="SessionsTable", ref=f"A1:G{len(rows) + 1}")
table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
ws.add_table(table)

d = wb.create_sheet("Locum details")
for k, v in [
    ("Surname", "Nguyen"), ("Other names", "Zoe"), ("Date of birth", dt.date(1979, 11, 30)),
    ("NI number", "QQ123456C"), ("SD number", "01234567"), ("GMC number", "7654321"),
    ("Address", "3 Rose Lane, York YO1 7HH"), ("Email", "zoe@example.org"), ("Country", "England"),
    ("EA code", "Q99"), ("Tier rate", "9.8%"),
]:
    d.append([k, v])
d["B3"].number_format = "dd/mm/yyyy"

wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "openpyxl-table.xlsx"))

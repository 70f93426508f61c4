"""Writes the small fixtures of this folder with real producers.

Run from this folder: python3 make_fixtures.py (xlsxwriter, openpyxl and LibreOffice's
soffice must be installed). Each file's content is listed in README.md.
"""
import os
import subprocess
import tempfile

import openpyxl
import xlsxwriter


def write_xlsxwriter_rich_text():
    workbook = xlsxwriter.Workbook("xlsxwriter-rich-text.xlsx")
    sheet = workbook.add_worksheet("R&D été")
    bold = workbook.add_format({"bold": True})
    sheet.write_rich_string("A1", "Hello ", bold, "World")
    sheet.write_string("A2", "  kept  spaces  ")
    sheet.write_string("A3", "line one\nline two")
    sheet.write_string("A4", "_x0041_ literal")
    sheet.write_number("B1", 12345)
    sheet.write_boolean("B2", True)
    sheet.write_formula("B3", "=B1*2", None, 24690)
    hidden = workbook.add_worksheet("Hidden")
    hidden.write_string("A1", "hidden")
    hidden.hide()
    workbook.close()


def write_openpyxl_sparse():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sparse"
    sheet["A1"] = "ID"
    sheet["C1"] = "Name"
    sheet["A1000"] = 1000
    sheet["Z1000"] = "far"
    very = workbook.create_sheet("Very hidden")
    very["A1"] = "x"
    very.sheet_state = "veryHidden"
    workbook.save("openpyxl-sparse.xlsx")


def write_libreoffice_from_csv():
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "libreoffice-csv.csv")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write("ID,Name\n1,Grüße\n2,東京\n")
        subprocess.run(
            ["soffice", "--headless", "--infilter=CSV:44,34,76", "--convert-to", "xlsx",
             "--outdir", ".", source],
            check=True, capture_output=True, timeout=120)


write_xlsxwriter_rich_text()
write_openpyxl_sparse()
write_libreoffice_from_csv()

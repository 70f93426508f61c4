#!/usr/bin/env python3
"""Write the sample Komet exports in this folder with xlsxwriter.

The layouts are assumptions, because Komet documents none of these exports' columns. README.md in
this folder lists them. The workbooks carry a fixed creation date, so running the script again
writes the same bytes with the same xlsxwriter version.

Usage: python3 Samples/make-samples.py
"""

from datetime import datetime, timedelta
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
CREATED = datetime(2024, 1, 15, 9, 0, 0)

CUSTOMER_HEADERS = [
    "Customer ID", "Name", "Code", "Customer Type", "Sales Person", "Payment Terms",
    "Credit Limit", "Carrier", "Active",
]

# ID, name, code, type, sales person, terms, credit limit, carrier, active.
CUSTOMERS = [
    (10001, "Bloom & Petal Co.", "BLOOM", "Wholesaler", "Ana Ruiz", "Net 30", 25000, "FedEx", "Yes"),
    (10007, "Dwfield Farms", "DWFLD", "Grower", "Luis Mora", "Net 15", 5000, "Own truck", "Yes"),
    (10012, "DWF Wholesale Florists", "DWF", "Wholesaler", "Ana Ruiz", "Net 30", 150000,
     "Armellini", "Yes"),
    (10015, "DWF Wholesale Florists (old account)", "DWF-OLD", "Wholesaler", "Ana Ruiz",
     "Net 30", 0, "Armellini", "No"),
    (10020, "Fleurs Bogotá Importación", "FLEUR", "Importer", "Luis Mora", "Prepaid", 10000, "UPS",
     "Yes"),
    (10024, "Green Valley Roses", "GVR", "Retailer", "Marta Gil", "Net 15", 7500, "FedEx", "Yes"),
    (10031, "Miami Flower Exchange", "MFX", "Wholesaler", "Marta Gil", "Net 45", 60000,
     "Armellini", "Yes"),
    (10036, "Petal Pushers Inc.", "PETAL", "Retailer", "Ana Ruiz", "COD", 2000, "UPS", "Yes"),
    (10042, "Sunrise Blooms", "SUNR", "Supermarket", "Luis Mora", "Net 60", 90000, "Own truck",
     "Yes"),
    (10048, "Tulip Town Distributors", "TULIP", "Wholesaler", "Marta Gil", "Net 30", 40000,
     "FedEx", "Yes"),
]

LOCATION_HEADERS = [
    "Name", "Code", "Address", "City", "State", "Zip", "Country", "Phone", "Location ID",
]

# The ID is text and comes last, where the integration guide puts it.
LOCATIONS = [
    ("Miami Warehouse", "MIA", "8400 NW 25th St", "Doral", "FL", "33122", "United States",
     "+1 305 555 0100", "200101"),
    ("Bogota Farm", "BOG", "Km 5 Via Funza", "Funza", "Cundinamarca", "250020", "Colombia",
     "+57 1 555 0200", "200102"),
    ("Quito Farm", "UIO", "Panamericana Norte Km 12", "Cayambe", "Pichincha", "170201",
     "Ecuador", "+593 2 555 0300", "200103"),
    ("Medellin Packhouse", "MDE", "Cra 50 #10-20", "Rionegro", "Antioquia", "054040",
     "Colombia", "+57 4 555 0400", "200104"),
]

INVENTORY_HEADERS = [
    "Inventory ID", "Origin", "Product Code", "Description", "Grade", "Category", "Box Type",
    "Units per Box", "Unit Type", "Boxes Available", "Unit Price", "Location ID",
    "Available From", "Available To",
]

# Code, description, category, grade, unit type, stems per bunch, base price in cents. The
# same products, in the same order, as the sandbox's seeded inventory.
PRODUCTS = [
    ("RFRE50", "Rose Freedom 50cm", "Roses", "50cm", "Stem", 25, 45),
    ("RFRE60", "Rose Freedom 60cm", "Roses", "60cm", "Stem", 25, 55),
    ("RMON50", "Rose Mondial 50cm", "Roses", "50cm", "Stem", 25, 50),
    ("RPLA60", "Rose Playa Blanca 60cm", "Roses", "60cm", "Stem", 25, 60),
    ("CSPR", "Carnation Spray Assorted", "Carnations", "Select", "Bunch", 10, 325),
    ("CFAN", "Carnation Fancy White", "Carnations", "Fancy", "Bunch", 20, 410),
    ("ALST", "Alstroemeria Assorted", "Alstroemeria", "Select", "Bunch", 10, 380),
    ("HYDW", "Hydrangea White Premium", "Hydrangea", "Premium", "Stem", 1, 135),
    ("GYPX", "Gypsophila Xlence", "Fillers", "750g", "Bunch", 1, 520),
]


def inventory_lines() -> list[tuple]:
    """Return the 40 lines of the sandbox's seeded inventory, computed by the same rules.

    Location 200101 has 26 on-hand lines (IDs from 5100001) and 10 future ones (IDs from
    7300001); location 200102 has 2 of each. Line 5100003 has 2 boxes and 5100004 none.
    """
    lines = []
    on_hand_id, future_id = 5100001, 7300001
    for index in range(40):
        location = "200101" if index < 36 else "200102"
        is_future = index >= 26 if index < 36 else index >= 38
        code, description, category, grade, unit, stems, base = PRODUCTS[index % len(PRODUCTS)]
        box = "HB" if index % 3 == 0 else "QB"
        bunches = 12 if box == "HB" else 6
        units_per_box = bunches * stems if unit == "Stem" else bunches
        cents = base + (index % 4) * 5
        boxes = {2: 2, 3: 0}.get(index, 10 + (index * 7) % 31)
        if is_future:
            line_id, future_id = future_id, future_id + 1
            available = datetime(2024, 1, 15) + timedelta(days=7 * (index % 4 + 1))
        else:
            line_id, on_hand_id = on_hand_id, on_hand_id + 1
            available = None
        lines.append((
            str(line_id), "FS" if is_future else "OH", code, description, grade, category, box,
            units_per_box, unit, boxes, cents / 100, location, available,
        ))
    return lines


def new_workbook(name: str, title: str) -> xlsxwriter.Workbook:
    workbook = xlsxwriter.Workbook(str(HERE / name))
    workbook.set_properties({
        "title": title, "author": "komet-dwf samples", "created": CREATED,
    })
    return workbook


def write_customers() -> None:
    workbook = new_workbook("komet-customers.xlsx", "Customers")
    sheet = workbook.add_worksheet("Customers")
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})

    # A title row and a blank row sit above the header, as in a printed report.
    sheet.write_string(0, 0, "Customers", workbook.add_format({"bold": True, "font_size": 14}))
    header_row = 2
    sheet.write_row(header_row, 0, CUSTOMER_HEADERS, bold)
    for offset, customer in enumerate(CUSTOMERS, start=1):
        row = header_row + offset
        sheet.write_number(row, 0, customer[0])
        sheet.write_row(row, 1, customer[1:6])
        sheet.write_number(row, 6, customer[6], money)
        sheet.write_row(row, 7, customer[7:])
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 36)
    sheet.set_column(2, 8, 14)
    workbook.close()


def write_locations() -> None:
    workbook = new_workbook("komet-locations.xlsx", "Locations")
    sheet = workbook.add_worksheet("Locations")
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"num_format": "@"})

    sheet.write_row(0, 0, LOCATION_HEADERS, bold)
    for row, location in enumerate(LOCATIONS, start=1):
        for column, value in enumerate(location):
            sheet.write_string(row, column, value, text)
    sheet.set_column(0, 8, 18)
    workbook.close()


def write_inventory() -> None:
    workbook = new_workbook("komet-inventory.xlsx", "Inventory")
    sheet = workbook.add_worksheet("Inventory")
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"num_format": "@"})
    money = workbook.add_format({"num_format": "0.00"})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})

    sheet.write_row(0, 0, INVENTORY_HEADERS, bold)
    for row, line in enumerate(inventory_lines(), start=1):
        (line_id, origin, code, description, grade, category, box, units_per_box, unit, boxes,
         price, location, available) = line
        sheet.write_string(row, 0, line_id, text)
        sheet.write_row(row, 1, [origin, code, description, grade, category, box])
        sheet.write_number(row, 7, units_per_box)
        sheet.write_string(row, 8, unit)
        sheet.write_number(row, 9, boxes)
        sheet.write_number(row, 10, price, money)
        sheet.write_string(row, 11, location, text)
        if available is not None:
            sheet.write_datetime(row, 12, available, date)
    sheet.set_column(0, 13, 14)
    sheet.set_column(3, 3, 28)
    workbook.close()


if __name__ == "__main__":
    write_customers()
    write_locations()
    write_inventory()

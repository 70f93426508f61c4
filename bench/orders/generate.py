"""Writes the order benchmark's DWF order files, the sandbox stock they need and the curl
peer's plan, from the sandbox's seeded inventory.

Usage: python3 bench/orders/generate.py INVENTORY.json OUT_DIR [--orders N] [--lines N]
                                        [--orders-per-file N] [--today YYYY-MM-DD]

INVENTORY.json is the output of `order-bench-sandbox --print-inventory`. The script writes:

- OUT_DIR/orders/NNNN.csv and NNNN.json: the order files in komet-dwf's order format
  (docs/formats.md), CSV and JSON taking turns file by file;
- OUT_DIR/stock.json: for each inventory ID used, the boxes all orders take, so the sandbox
  holds exactly that stock and every line can be placed;
- OUT_DIR/plan.tsv: one row per web-order group, the order number, origin, ship date and
  location, then one `inventoryId:origin:quantity:price` field per line, in line order, with
  the price as komet-dwf writes it in JSON, which bench/orders/peer.sh turns into the same
  requests;
- OUT_DIR/expected.json: the orders, groups and lines written.

Every order ships from location 200101 with carrier 3101 and ship-to 61001. Every fifth order
mixes 7 on-hand and 3 future lines, so komet-dwf groups it into two web orders; the others
have 10 on-hand lines. Python 3 standard library only; the output depends only on the
arguments and the inventory, so two runs with the same ones write the same bytes.
"""

import argparse
import csv
import decimal
import datetime
import io
import json
import os
import sys

LOCATION = "200101"
CARRIER = "3101"
SHIP_TO = "61001"
HEADER = [
    "format_version", "order_number", "line_number", "ship_date", "carrier_id", "ship_to_id",
    "location_id", "customer_po", "inventory_id", "origin", "quantity", "unit_price",
    "mark_code", "action",
]


def make_orders(inventory, count, lines_per_order, today):
    """Returns the orders as dicts, each with its lines in line order."""
    on_hand = [item for item in inventory
               if item["origin"] == "OH" and item["locationId"] == LOCATION]
    future = [item for item in inventory
              if item["origin"] == "FS" and item["locationId"] == LOCATION]
    future_lines = 3 if lines_per_order >= 4 else 0
    if len(on_hand) < lines_per_order or len(future) < future_lines:
        sys.exit(f"generate.py: location {LOCATION} has {len(on_hand)} on-hand and "
                 f"{len(future)} future lines, too few for {lines_per_order} lines an order")

    orders = []
    for index in range(count):
        mixed = index % 5 == 4 and future_lines > 0
        chosen = []
        on_hand_count = lines_per_order - future_lines if mixed else lines_per_order
        for offset in range(on_hand_count):
            chosen.append(on_hand[(index * 7 + offset) % len(on_hand)])
        if mixed:
            for offset in range(future_lines):
                chosen.append(future[(index * 3 + offset) % len(future)])

        # The ship date is the latest first-shipping day of the order's lines, and at least
        # tomorrow, so no line is asked for before it can ship.
        ship_date = max([today + datetime.timedelta(days=1)] + [
            datetime.date.fromisoformat(item["availableDate"]) for item in chosen])
        lines = []
        for number, item in enumerate(chosen, start=1):
            lines.append({
                "lineNumber": number, "inventoryId": item["inventoryId"],
                "origin": item["origin"], "quantity": 1 + (index + number) % 3,
                "unitPrice": item["price"],
            })
        orders.append({
            "orderNumber": f"BENCH-{index + 1:05d}", "shipDate": ship_date.isoformat(),
            "customerPO": f"PO-{index + 1:05d}", "lines": lines,
        })
    return orders


def csv_text(orders):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for order in orders:
        for line in order["lines"]:
            writer.writerow([
                "1", order["orderNumber"], line["lineNumber"], order["shipDate"], CARRIER,
                SHIP_TO, LOCATION, order["customerPO"], line["inventoryId"], line["origin"],
                line["quantity"], line["unitPrice"], "", "",
            ])
    return out.getvalue()


def json_text(orders):
    document = {"formatVersion": 1, "orders": [{
        "orderNumber": order["orderNumber"], "shipDate": order["shipDate"],
        "carrierId": CARRIER, "shipToId": SHIP_TO, "locationId": LOCATION,
        "customerPO": order["customerPO"], "lines": order["lines"],
    } for order in orders]}
    return json.dumps(document, indent=1) + "\n"


def json_price(text):
    """Returns the price as komet-dwf writes it in a JSON body: `0.60` becomes `0.6`."""
    return format(decimal.Decimal(text).normalize(), "f")


def groups_of(order):
    """Returns the order's web-order groups: its lines by origin, on-hand first."""
    groups = []
    for origin in ("OH", "FS"):
        lines = [line for line in order["lines"] if line["origin"] == origin]
        if lines:
            groups.append((origin, lines))
    return groups


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inventory")
    parser.add_argument("out")
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=10)
    parser.add_argument("--orders-per-file", type=int, default=1)
    parser.add_argument("--today", default=datetime.date.today().isoformat())
    arguments = parser.parse_args()

    with open(arguments.inventory, encoding="utf-8") as handle:
        inventory = json.load(handle)
    today = datetime.date.fromisoformat(arguments.today)
    orders = make_orders(inventory, arguments.orders, arguments.lines, today)

    folder = os.path.join(arguments.out, "orders")
    os.makedirs(folder, exist_ok=True)
    step = arguments.orders_per_file
    for file_index, start in enumerate(range(0, len(orders), step)):
        chunk = orders[start:start + step]
        extension, text = ("csv", csv_text(chunk)) if file_index % 2 == 0 else (
            "json", json_text(chunk))
        with open(os.path.join(folder, f"{file_index + 1:04d}.{extension}"), "w",
                  encoding="utf-8", newline="") as handle:
            handle.write(text)

    stock = {}
    group_count = 0
    with open(os.path.join(arguments.out, "plan.tsv"), "w", encoding="utf-8") as plan:
        for order in orders:
            for origin, lines in groups_of(order):
                group_count += 1
                fields = [f"{line['inventoryId']}:{origin}:{line['quantity']}:"
                          f"{json_price(line['unitPrice'])}" for line in lines]
                plan.write("\t".join(
                    [order["orderNumber"], origin, order["shipDate"], LOCATION] + fields) + "\n")
            for line in order["lines"]:
                stock[line["inventoryId"]] = stock.get(line["inventoryId"], 0) + line["quantity"]

    with open(os.path.join(arguments.out, "stock.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(stock.items())), handle, indent=1)
        handle.write("\n")
    expected = {
        "orders": len(orders), "groups": group_count,
        "lines": sum(len(order["lines"]) for order in orders),
        "boxes": sum(stock.values()),
    }
    with open(os.path.join(arguments.out, "expected.json"), "w", encoding="utf-8") as handle:
        json.dump(expected, handle)
        handle.write("\n")
    print(json.dumps(expected))


if __name__ == "__main__":
    main()

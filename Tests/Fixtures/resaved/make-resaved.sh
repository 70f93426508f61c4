#!/usr/bin/env bash
# Re-saves the sample exports the way growers' staff do, with LibreOffice headless, so the tests
# can check that ids reads every variant alike. Run from this folder; needs soffice on PATH.
set -euo pipefail
samples=../../../Samples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for name in komet-customers komet-locations; do
  cp "$samples/$name.xlsx" "$work/"
  # Calc's CSV filter options: field separator, text delimiter, character set (76 is UTF-8,
  # 1 is Windows-1252), as ASCII codes.
  soffice --headless --convert-to xlsx --outdir "$work/xlsx" "$work/$name.xlsx" >/dev/null
  soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76' \
    --outdir "$work/semicolon" "$work/$name.xlsx" >/dev/null
  soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,1' \
    --outdir "$work/cp1252" "$work/$name.xlsx" >/dev/null
  soffice --headless --convert-to html --outdir "$work/html" "$work/$name.xlsx" >/dev/null

  cp "$work/xlsx/$name.xlsx" "./$name.libreoffice.xlsx"
  cp "$work/semicolon/$name.csv" "./$name.semicolon.csv"
  cp "$work/cp1252/$name.csv" "./$name.cp1252.csv"
  # Web applications often serve an HTML table under an .xls name.
  cp "$work/html/$name.html" "./$name.html.xls"
done

"""Date and number formats where Django's defaults do not suit the bodies Lintas serves, and the
cells of the spreadsheets Lintas writes (``cells``: text no spreadsheet runs as a formula;
``sheets``: XLSX cells typed, text as text).

The formats are read by Django through FORMAT_MODULE_PATH; it imports nothing of Lintas."""

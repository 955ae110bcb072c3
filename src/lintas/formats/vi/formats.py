"""Vietnamese numbers grouped by thousands where Lintas asks for grouping ("1.234,5"), as
Indonesian ones already are; everything else is Django's own "vi" format."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3

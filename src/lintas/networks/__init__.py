"""Networks: linking records, persons and indicators into explainable networks."""

"""Planning scenarios: their state over the study area, edits that never touch the base stock, comparison, copy."""

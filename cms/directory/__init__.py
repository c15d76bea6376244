"""The public directory "Trouver une structure": list, map, cards and open data."""

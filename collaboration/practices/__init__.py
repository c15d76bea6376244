"""Good practices (framework sections 3 and 4.1): written by a member
structure, reviewed by its referent, published by the Région or GREF, then
found, marked useful, reused and kept fresh across the region."""

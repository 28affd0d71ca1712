"""Demo content: the five seed documents turned into structured, published content."""

"""Classic interview problems: typed references, tested against independent oracles."""

"""Reading saved files into the library: detect, decode, clean, store."""

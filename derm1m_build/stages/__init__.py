"""One module per stage; each defines its recipe section (`...Config`) and its `Stage`."""

"""What the kiosk and the operator panel both use (the catalog, shared names); neither imports the other."""

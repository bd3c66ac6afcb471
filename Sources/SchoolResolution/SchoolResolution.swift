// The SchoolResolution module: free-text school names to GIAS URNs (being written).

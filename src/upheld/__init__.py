"""upheld: an ombudsman scheme's casework statistics, annual review letters and publication."""

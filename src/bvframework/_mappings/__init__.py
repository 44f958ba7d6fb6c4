"""Relations between versions: mapping files, their link graph, composition, reconciliation."""

"""Files: claims tables, the run store, month partitions and exports."""

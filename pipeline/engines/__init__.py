"""Engines that run the pipeline somewhere other than this machine's process pool (Ray)."""

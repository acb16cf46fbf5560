"""The Training page: catalogue, suggestions for gaps, the plan and funding rules."""
